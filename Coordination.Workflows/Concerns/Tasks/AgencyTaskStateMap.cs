using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Tasks;

internal sealed class AgencyTaskStateMap : IEntityTypeConfiguration<AgencyTaskState>
{
    public void Configure(EntityTypeBuilder<AgencyTaskState> builder)
    {
        builder.ToTable("AgencyTaskStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.Title).HasMaxLength(1000);
        builder.Property(s => s.DeclineReason).HasMaxLength(1000);
        builder.Property(s => s.CancelReason).HasMaxLength(300);
        builder.Ignore(s => s.EscalatesAt);
        builder.HasIndex(s => s.ConcernId);
        builder.HasIndex(s => new { s.AgencyId, s.CurrentState });
    }
}
