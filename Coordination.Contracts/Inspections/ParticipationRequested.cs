namespace Coordination.Contracts.Inspections;

/// <summary>A participating agency has been asked to take part in an inspection round, and must answer by a deadline.</summary>
public sealed record ParticipationRequested(Guid TaskId, Guid RoundId, Guid MunicipalityId, string AgencyKind, DateTimeOffset RemindAt, DateTimeOffset DueAt);
