namespace Coordination.Contracts.Concerns;

/// <summary>The agency declined its task, with a reason.</summary>
public sealed record AgencyTaskDeclined(Guid TaskId, Guid UserId, string Reason, DateTimeOffset DeclinedAt);
