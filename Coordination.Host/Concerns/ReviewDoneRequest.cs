namespace Coordination.Host.Concerns;

/// <summary>The outcome of a review: Continue or Close.</summary>
public sealed record ReviewDoneRequest(string? Outcome);
