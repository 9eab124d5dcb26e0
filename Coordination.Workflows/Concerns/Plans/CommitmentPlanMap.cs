using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Plans;

internal sealed class CommitmentPlanMap : IEntityTypeConfiguration<CommitmentPlan>
{
    public void Configure(EntityTypeBuilder<CommitmentPlan> builder)
    {
        builder.ToTable("CommitmentPlans");
        builder.HasKey(p => p.ConcernId);
        builder.Property(p => p.ConcernId).ValueGeneratedNever();
        builder.Property(p => p.Goals).HasMaxLength(4000);
        builder.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.ConcernId);
    }
}
