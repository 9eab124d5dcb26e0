namespace Coordination.Contracts.Concerns;

/// <summary>A manager of the coordinating agency gave a pending follow-up review to a member of the agency to hold.</summary>
public sealed record ReviewReassigned(Guid ReviewId, Guid NewOwnerUserId, Guid ReassignedByUserId, DateTimeOffset ReassignedAt);
