namespace Coordination.Contracts.Concerns;

/// <summary>A follow-up review of the commitment plan was scheduled, with a reminder before it is due.</summary>
public sealed record ReviewScheduled(Guid ReviewId, Guid ConcernId, Guid MunicipalityId, Guid AgencyId, int Number, DateTimeOffset DueAt, DateTimeOffset RemindAt);
