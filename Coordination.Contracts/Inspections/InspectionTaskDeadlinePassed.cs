namespace Coordination.Contracts.Inspections;

/// <summary>Timer: an inspection task is past its due time and escalates to its agency's managers if still open.</summary>
public sealed record InspectionTaskDeadlinePassed(Guid TaskId);
