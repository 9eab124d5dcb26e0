namespace Coordination.Contracts.Concerns;

/// <summary>A staff member took an offered task from the agency's queue.</summary>
public sealed record AgencyTaskClaimed(Guid TaskId, Guid UserId, DateTimeOffset ClaimedAt);
