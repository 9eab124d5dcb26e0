using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Journal;

internal sealed class WorkflowTransitionMap : IEntityTypeConfiguration<WorkflowTransition>
{
    public void Configure(EntityTypeBuilder<WorkflowTransition> builder)
    {
        builder.ToTable("WorkflowTransitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Workflow).HasMaxLength(200);
        builder.Property(t => t.Event).HasMaxLength(200);
        builder.Property(t => t.FromState).HasMaxLength(200);
        builder.Property(t => t.ToState).HasMaxLength(200);
        builder.Property(t => t.Cause).HasMaxLength(100);
        builder.HasIndex(t => new { t.InstanceId, t.OccurredAt });
    }
}
