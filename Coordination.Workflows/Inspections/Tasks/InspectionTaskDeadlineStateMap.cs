using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Tasks;

internal sealed class InspectionTaskDeadlineStateMap : IEntityTypeConfiguration<InspectionTaskDeadlineState>
{
    public void Configure(EntityTypeBuilder<InspectionTaskDeadlineState> builder)
    {
        builder.ToTable("InspectionTaskDeadlineStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
    }
}
