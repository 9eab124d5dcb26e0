namespace Coordination.Contracts.Concerns;

/// <summary>A manager gave the task to another member of the agency.</summary>
public sealed record AgencyTaskReassigned(Guid TaskId, Guid NewOwnerUserId, Guid ReassignedByUserId, DateTimeOffset ReassignedAt);
