using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns;

internal sealed class ConcernStateMap : IEntityTypeConfiguration<ConcernState>
{
    public void Configure(EntityTypeBuilder<ConcernState> builder)
    {
        builder.ToTable("ConcernStates");
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.InvestigationExtensionReason).HasMaxLength(1000);
        builder.Property(s => s.Outcome).HasMaxLength(1000);
        builder.Property(s => s.InvestigationDueChanges)
            .HasConversion(StoredList.DeadlineChanges(), StoredList.Comparer<DeadlineChange>());
        builder.HasIndex(s => s.MunicipalityId);
    }
}
