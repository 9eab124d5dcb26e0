using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns;

internal sealed class ConcernMap : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> builder)
    {
        builder.ToTable("Concerns");
        builder.Property(c => c.PersonalIdentityNumber).HasMaxLength(13);
        builder.Property(c => c.YoungPersonName).HasMaxLength(200);
        builder.Property(c => c.School).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.GuardianKnowledge).HasMaxLength(2000);
        builder.Property(c => c.Categories)
            .HasConversion(StoredList.Enums<ConcernCategory>(), StoredList.Comparer<ConcernCategory>())
            .HasMaxLength(400);
        builder.HasIndex(c => new { c.MunicipalityId, c.RaisedAt });
    }
}
