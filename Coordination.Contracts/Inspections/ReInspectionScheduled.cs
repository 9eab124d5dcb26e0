namespace Coordination.Contracts.Inspections;

/// <summary>A venue is to be visited again by a date (after minor remarks or a sanction); the task tracks it.</summary>
public sealed record ReInspectionScheduled(Guid TaskId, Guid VenueId, Guid MunicipalityId, DateTimeOffset RemindAt, DateTimeOffset DueAt);
