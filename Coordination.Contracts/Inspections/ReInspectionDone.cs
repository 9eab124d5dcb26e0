namespace Coordination.Contracts.Inspections;

/// <summary>The venue was visited again, which is the re-inspection the task asked for.</summary>
public sealed record ReInspectionDone(Guid TaskId, Guid VisitId);
