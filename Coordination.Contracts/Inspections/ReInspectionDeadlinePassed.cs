namespace Coordination.Contracts.Inspections;

/// <summary>Timer: a re-inspection was not made by its date.</summary>
public sealed record ReInspectionDeadlinePassed(Guid TaskId);
