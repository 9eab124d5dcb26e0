namespace Coordination.Contracts.Concerns;

/// <summary>Social services finished the investigation (SoL 11 kap. 2 §), within or after its deadline.</summary>
public sealed record InvestigationCompleted(Guid ConcernId, InvestigationConclusion Conclusion, Guid CompletedByUserId, DateTimeOffset CompletedAt);
