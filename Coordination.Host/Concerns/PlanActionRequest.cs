namespace Coordination.Host.Concerns;

/// <summary>One action: what, which agency (by kind), optionally who in it, and by when (YYYY-MM-DD).</summary>
public sealed record PlanActionRequest(string? What, string? Agency, Guid? OwnerUserId, string? ByDate);
