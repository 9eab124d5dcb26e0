namespace Coordination.Contracts.Concerns;

/// <summary>The task's work is done.</summary>
public sealed record AgencyTaskCompleted(Guid TaskId, Guid UserId, DateTimeOffset CompletedAt);
