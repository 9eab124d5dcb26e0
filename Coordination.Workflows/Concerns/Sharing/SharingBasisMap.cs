using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Sharing;

internal sealed class SharingBasisMap : IEntityTypeConfiguration<SharingBasis>
{
    public void Configure(EntityTypeBuilder<SharingBasis> builder)
    {
        builder.ToTable("SharingBases");
        builder.Property(b => b.DocumentReference).HasMaxLength(200);
        builder.Property(b => b.Scope).HasMaxLength(SharingBasis.ScopeMaxLength);
        builder.Property(b => b.Provision).HasMaxLength(200);
        builder.Property(b => b.WeighedBy).HasMaxLength(200);
        builder.Property(b => b.AgencyIds)
            .HasConversion(StoredList.Ids(), StoredList.Comparer<Guid>())
            .HasMaxLength(1000);
        builder.Property(b => b.OfferedTasks)
            .HasConversion(StoredList.Offers(), StoredList.Comparer<SharingOffer>())
            .HasMaxLength(1000);
        builder.Ignore(b => b.InForce);
        builder.Ignore(b => b.Expired);
        builder.HasOne<Concern>().WithMany().HasForeignKey(b => b.ConcernId);
        builder.HasIndex(b => b.ConcernId);
    }
}
