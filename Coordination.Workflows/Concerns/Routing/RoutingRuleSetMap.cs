using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Routing;

internal sealed class RoutingRuleSetMap : IEntityTypeConfiguration<RoutingRuleSet>
{
    public void Configure(EntityTypeBuilder<RoutingRuleSet> builder)
    {
        builder.ToTable("RoutingRuleSets");
        builder.HasIndex(r => new { r.MunicipalityId, r.Version }).IsUnique();
    }
}
