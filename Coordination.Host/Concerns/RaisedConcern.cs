namespace Coordination.Host.Concerns;

/// <summary>A concern just raised, with the legal deadlines social services now work to.</summary>
public sealed record RaisedConcern(Guid Id, DateTimeOffset ProtectiveAssessmentDue, DateTimeOffset PreliminaryAssessmentDue);
