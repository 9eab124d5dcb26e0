namespace Coordination.Contracts.Concerns;

/// <summary>The investigation's deadline was extended for a recorded special reason (SoL 11 kap. 2 §).</summary>
public sealed record InvestigationExtended(Guid ConcernId, DateTimeOffset NewDue, string Reason, Guid ExtendedByUserId, DateTimeOffset ExtendedAt);
