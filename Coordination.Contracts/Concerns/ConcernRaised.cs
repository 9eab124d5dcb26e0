namespace Coordination.Contracts.Concerns;

/// <summary>A concern about a young person was raised; social services reception must make a protective assessment by the deadline.</summary>
public sealed record ConcernRaised(Guid ConcernId, Guid MunicipalityId, Guid ReporterAgencyId, DateTimeOffset RaisedAt, DateTimeOffset ProtectiveAssessmentDue, DateTimeOffset PreliminaryAssessmentDue);
