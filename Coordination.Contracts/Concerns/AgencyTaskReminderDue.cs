namespace Coordination.Contracts.Concerns;

/// <summary>The task's timer came due: remind, or escalate when past the deadline.</summary>
public sealed record AgencyTaskReminderDue(Guid TaskId);
