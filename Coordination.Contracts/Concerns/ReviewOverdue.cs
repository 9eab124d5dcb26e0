namespace Coordination.Contracts.Concerns;

/// <summary>A follow-up review was not held by its due date and is on the coordinating agency's managers' overdue list.</summary>
public sealed record ReviewOverdue(Guid ReviewId, Guid AgencyId, int Number, DateTimeOffset DueAt);
