using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Sharing;

internal sealed class ConsentEndStateMap : IEntityTypeConfiguration<ConsentEndState>
{
    public void Configure(EntityTypeBuilder<ConsentEndState> builder)
    {
        builder.ToTable("ConsentEndStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.HasIndex(s => s.ConcernId);
    }
}
