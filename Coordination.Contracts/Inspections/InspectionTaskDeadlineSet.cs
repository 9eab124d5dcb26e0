namespace Coordination.Contracts.Inspections;

/// <summary>An inspection task without a workflow of its own is open with a due time, at which it escalates to its agency's managers unless done.</summary>
public sealed record InspectionTaskDeadlineSet(Guid TaskId, DateTimeOffset DueAt);
