namespace Coordination.Contracts.Concerns;

/// <summary>An unanswered task passed its deadline and was escalated to the agency's managers.</summary>
public sealed record AgencyTaskEscalated(Guid TaskId, Guid AgencyId, DateTimeOffset EscalatedAt);
