namespace Coordination.Host.Concerns;

/// <summary>Why the agency declines the task.</summary>
public sealed record DeclineTaskRequest(string? Reason);
