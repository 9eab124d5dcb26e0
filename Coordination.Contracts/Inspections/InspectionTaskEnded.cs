namespace Coordination.Contracts.Inspections;

/// <summary>An inspection task was done or cancelled: its due time no longer escalates it.</summary>
public sealed record InspectionTaskEnded(Guid TaskId);
