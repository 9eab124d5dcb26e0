namespace Coordination.Contracts.Inspections;

/// <summary>An unannounced visit has been recorded, so its protocol is due to the licensee by a deadline.</summary>
public sealed record VisitRecorded(Guid VisitId, Guid VenueId, Guid MunicipalityId, Guid ProtocolTaskId, DateTimeOffset RemindAt, DateTimeOffset DueAt);
