using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Supervision;

internal sealed class ReplacedProposalMap : IEntityTypeConfiguration<ReplacedProposal>
{
    public void Configure(EntityTypeBuilder<ReplacedProposal> builder)
    {
        builder.ToTable("SupervisionReplacedProposals");
        builder.Property(p => p.KommuniceringText).HasMaxLength(4000);
        builder.Property(p => p.Reply).HasMaxLength(4000);
        builder.HasIndex(p => p.SupervisionCaseId);
    }
}
