namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the answer to a participation request is still missing and the agency is reminded.</summary>
public sealed record ParticipationReminderDue(Guid TaskId);
