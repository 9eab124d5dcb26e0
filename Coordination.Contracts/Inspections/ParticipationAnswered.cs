namespace Coordination.Contracts.Inspections;

/// <summary>A participating agency accepted, declined or proposed another time for an inspection round.</summary>
public sealed record ParticipationAnswered(Guid TaskId, Guid RoundId, Guid MunicipalityId, string Answer, DateTimeOffset? ProposedStart, string? Note);
