namespace Coordination.Contracts.Inspections;

/// <summary>Timer: a re-inspection has not been made and its date is near.</summary>
public sealed record ReInspectionReminderDue(Guid TaskId);
