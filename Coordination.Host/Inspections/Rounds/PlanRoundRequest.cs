namespace Coordination.Host.Inspections.Rounds;

/// <summary>An evening round to plan: local date (yyyy-MM-dd) and window (HH:mm), venues, optional extra participants.</summary>
internal sealed record PlanRoundRequest(
    Guid? MunicipalityId,
    string? Date,
    string? EveningStart,
    string? EveningEnd,
    IReadOnlyList<Guid>? VenueIds,
    IReadOnlyList<string>? OptionalParticipants);
