namespace Coordination.Host.Concerns;

/// <summary>The outcome the concern is closed with.</summary>
public sealed record CloseConcernRequest(string? Outcome);
