using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Reviews;

internal sealed class ReviewStateMap : IEntityTypeConfiguration<ReviewState>
{
    public void Configure(EntityTypeBuilder<ReviewState> builder)
    {
        builder.ToTable("ReviewStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.HasIndex(s => s.ConcernId);
        builder.HasIndex(s => new { s.AgencyId, s.CurrentState });
    }
}
