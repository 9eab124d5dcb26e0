using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Visits;

internal sealed class ReInspectionStateMap : IEntityTypeConfiguration<ReInspectionState>
{
    public void Configure(EntityTypeBuilder<ReInspectionState> builder)
    {
        builder.ToTable("ReInspectionStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
    }
}
