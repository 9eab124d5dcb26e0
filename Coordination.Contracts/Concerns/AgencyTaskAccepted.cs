namespace Coordination.Contracts.Concerns;

/// <summary>The agency accepted its task; the accepting user owns it.</summary>
public sealed record AgencyTaskAccepted(Guid TaskId, Guid UserId, DateTimeOffset AcceptedAt);
