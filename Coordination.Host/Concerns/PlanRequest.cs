namespace Coordination.Host.Concerns;

/// <summary>The commitment plan agreed at the network meeting: goals, and actions that become agency tasks.</summary>
public sealed record PlanRequest(IReadOnlyList<string>? Goals, IReadOnlyList<PlanActionRequest>? Actions);
