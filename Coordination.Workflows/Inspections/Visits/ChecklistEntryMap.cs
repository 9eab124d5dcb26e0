using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Visits;

internal sealed class ChecklistEntryMap : IEntityTypeConfiguration<ChecklistEntry>
{
    public void Configure(EntityTypeBuilder<ChecklistEntry> builder)
    {
        builder.ToTable("VisitChecklistEntries");
        builder.Property(e => e.Code).HasMaxLength(80);
        builder.Property(e => e.Note).HasMaxLength(2000);
    }
}
