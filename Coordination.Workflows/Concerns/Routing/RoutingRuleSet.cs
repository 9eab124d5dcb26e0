namespace Coordination.Workflows.Concerns.Routing;

/// <summary>One version of a municipality's <see cref="RoutingRules"/>; the highest version is in force.</summary>
public sealed class RoutingRuleSet
{
    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    public int Version { get; set; }

    /// <summary>The rules as JSON (<see cref="RoutingRules.Json"/>).</summary>
    public required string Rules { get; set; }

    public Guid ChangedByUserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
