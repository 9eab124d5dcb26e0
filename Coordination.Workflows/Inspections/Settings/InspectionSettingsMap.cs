using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Settings;

internal sealed class InspectionSettingsMap : IEntityTypeConfiguration<InspectionSettings>
{
    public void Configure(EntityTypeBuilder<InspectionSettings> builder)
    {
        builder.ToTable("InspectionSettings");
        builder.HasKey(s => s.MunicipalityId);
        builder.Property(s => s.MunicipalityId).ValueGeneratedNever();
    }
}
