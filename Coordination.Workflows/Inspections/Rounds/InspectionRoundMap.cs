using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Rounds;

internal sealed class InspectionRoundMap : IEntityTypeConfiguration<InspectionRound>
{
    public void Configure(EntityTypeBuilder<InspectionRound> builder)
    {
        builder.ToTable("InspectionRounds");
        builder.Property(r => r.VenueIds).HasListConversion(maxLength: 4000);
        builder.Property(r => r.Participants).HasListConversion(maxLength: 200);
        builder.Ignore(r => r.IsJoint);
        builder.Ignore(r => r.GoesAhead);
        builder.Property(r => r.WithoutPoliceReason).HasMaxLength(InspectionRound.WithoutPoliceReasonMaxLength);
        builder.HasIndex(r => new { r.MunicipalityId, r.Date });
    }
}
