namespace Coordination.Contracts.Inspections;

/// <summary>Timer: a participation request was not answered in time and escalates to the agency's managers.</summary>
public sealed record ParticipationDeadlinePassed(Guid TaskId);
