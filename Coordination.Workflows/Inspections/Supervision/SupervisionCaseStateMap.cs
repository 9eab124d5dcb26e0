using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Supervision;

internal sealed class SupervisionCaseStateMap : IEntityTypeConfiguration<SupervisionCaseState>
{
    public void Configure(EntityTypeBuilder<SupervisionCaseState> builder)
    {
        builder.ToTable("SupervisionCaseStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
    }
}
