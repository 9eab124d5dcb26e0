namespace Coordination.Contracts.Concerns;

/// <summary>The concern was closed with an outcome; every open task and pending reminder of it is cancelled.</summary>
public sealed record ConcernClosed(Guid ConcernId, string Outcome, Guid ClosedByUserId, DateTimeOffset ClosedAt);
