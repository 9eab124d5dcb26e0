using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Visits;

internal sealed class VisitMap : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("Visits");
        builder.Property(v => v.ParticipantsPresent).HasListConversion(maxLength: 2000);
        builder.Ignore(v => v.RemarkCount);
        builder.Property(v => v.SentVenueName).HasMaxLength(200);
        builder.Property(v => v.SentAddress).HasMaxLength(200);
        builder.Property(v => v.SentPostalTown).HasMaxLength(100);
        builder.Property(v => v.SentLicenseeName).HasMaxLength(200);
        builder.Property(v => v.SentOrganisationNumber).HasMaxLength(20);
        builder.HasMany(v => v.Entries).WithOne().HasForeignKey(e => e.VisitId);
        builder.HasIndex(v => v.RoundId);
        builder.HasIndex(v => new { v.RoundId, v.VenueId }).IsUnique();
        builder.HasIndex(v => v.VenueId);
    }
}
