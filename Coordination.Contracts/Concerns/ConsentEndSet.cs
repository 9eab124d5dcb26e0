namespace Coordination.Contracts.Concerns;

/// <summary>A consent valid until a date was recorded: at <paramref name="EndsAt"/> (the start of the day after) it ends unless withdrawn before.</summary>
public sealed record ConsentEndSet(Guid BasisId, Guid ConcernId, DateTimeOffset EndsAt);
