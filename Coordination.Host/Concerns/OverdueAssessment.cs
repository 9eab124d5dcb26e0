namespace Coordination.Host.Concerns;

/// <summary>A legal assessment of a concern past its limit: ProtectiveAssessment, PreliminaryAssessment or Investigation.</summary>
public sealed record OverdueAssessment(Guid ConcernId, string Assessment, DateTimeOffset DueAt);
