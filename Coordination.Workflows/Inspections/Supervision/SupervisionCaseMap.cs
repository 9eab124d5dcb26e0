using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Supervision;

internal sealed class SupervisionCaseMap : IEntityTypeConfiguration<SupervisionCase>
{
    public void Configure(EntityTypeBuilder<SupervisionCase> builder)
    {
        builder.ToTable("SupervisionCases");
        builder.Property(c => c.KommuniceringText).HasMaxLength(4000);
        builder.Property(c => c.Reply).HasMaxLength(4000);
        builder.Property(c => c.Justification).HasMaxLength(4000);
        builder.HasIndex(c => c.VenueId);
        builder.HasIndex(c => c.ClosedAt);

        // Always read with the case: they are part of what the case shows, and there are at most two.
        builder.HasMany(c => c.ReplacedProposals).WithOne().HasForeignKey(p => p.SupervisionCaseId);
        builder.Navigation(c => c.ReplacedProposals).AutoInclude();
    }
}
