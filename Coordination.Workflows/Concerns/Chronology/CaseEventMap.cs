using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Chronology;

internal sealed class CaseEventMap : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("CaseEvents");
        builder.Property(e => e.Kind).HasMaxLength(60);
        builder.Property(e => e.Text).HasMaxLength(2000);
        builder.HasIndex(e => new { e.ConcernId, e.At });
    }
}
