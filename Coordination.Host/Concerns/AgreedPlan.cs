namespace Coordination.Host.Concerns;

/// <summary>A plan just agreed: its first review and the tasks its actions became.</summary>
public sealed record AgreedPlan(Guid ReviewId, DateTimeOffset ReviewDue, IReadOnlyList<Guid> TaskIds);
