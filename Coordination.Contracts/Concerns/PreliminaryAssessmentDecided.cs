namespace Coordination.Contracts.Concerns;

/// <summary>Social services decided whether to open an investigation (förhandsbedömning); the investigation deadline is set only when opened.</summary>
public sealed record PreliminaryAssessmentDecided(Guid ConcernId, PreliminaryDecision Decision, Guid DecidedByUserId, DateTimeOffset DecidedAt, DateTimeOffset? InvestigationDue);
