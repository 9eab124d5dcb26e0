using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Tasks;

internal sealed class InspectionTaskMap : IEntityTypeConfiguration<InspectionTask>
{
    public void Configure(EntityTypeBuilder<InspectionTask> builder)
    {
        builder.ToTable("InspectionTasks");
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Note).HasMaxLength(2000);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => new { t.MunicipalityId, t.AgencyKind, t.Status });
    }
}
