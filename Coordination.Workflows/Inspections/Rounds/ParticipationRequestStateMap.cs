using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Rounds;

internal sealed class ParticipationRequestStateMap : IEntityTypeConfiguration<ParticipationRequestState>
{
    public void Configure(EntityTypeBuilder<ParticipationRequestState> builder)
    {
        builder.ToTable("ParticipationRequestStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.AgencyKind).HasMaxLength(40);
    }
}
