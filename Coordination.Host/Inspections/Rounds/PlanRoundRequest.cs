namespace Coordination.Host.Inspections.Rounds;

/// <summary>
/// An evening round to plan: local date (yyyy-MM-dd) and window (HH:mm), venues, optional extra
/// participants, and whether the police are asked (<paramref name="WithPolice"/>, default true: a
/// joint round; false: the licensing unit's own round, which goes ahead at once).
/// </summary>
internal sealed record PlanRoundRequest(
    Guid? MunicipalityId,
    string? Date,
    string? EveningStart,
    string? EveningEnd,
    IReadOnlyList<Guid>? VenueIds,
    IReadOnlyList<string>? OptionalParticipants,
    bool? WithPolice = null);
