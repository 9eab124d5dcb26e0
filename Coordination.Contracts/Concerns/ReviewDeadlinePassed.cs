namespace Coordination.Contracts.Concerns;

/// <summary>A review's due time passed: the review is overdue unless it was done.</summary>
public sealed record ReviewDeadlinePassed(Guid ReviewId);
