namespace Coordination.Contracts.Concerns;

/// <summary>An unanswered task's agency was reminded.</summary>
public sealed record AgencyTaskReminded(Guid TaskId, Guid AgencyId, int Reminders, DateTimeOffset RemindedAt);
