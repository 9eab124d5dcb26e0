using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Plans;

internal sealed class PlanActionMap : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.ToTable("PlanActions");
        builder.Property(a => a.What).HasMaxLength(1000);
        builder.HasIndex(a => a.ConcernId);
    }
}
