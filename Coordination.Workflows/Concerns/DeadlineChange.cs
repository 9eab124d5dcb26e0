namespace Coordination.Workflows.Concerns;

/// <summary>One extension of a deadline: when it was made, and the deadline it replaced.</summary>
public sealed record DeadlineChange(DateTimeOffset ChangedAt, DateTimeOffset PreviousDue);
