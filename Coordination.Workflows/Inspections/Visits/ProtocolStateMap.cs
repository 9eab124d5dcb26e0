using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Visits;

internal sealed class ProtocolStateMap : IEntityTypeConfiguration<ProtocolState>
{
    public void Configure(EntityTypeBuilder<ProtocolState> builder)
    {
        builder.ToTable("ProtocolStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
    }
}
