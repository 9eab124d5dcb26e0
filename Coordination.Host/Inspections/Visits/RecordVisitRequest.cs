namespace Coordination.Host.Inspections.Visits;

/// <summary>A visit as recorded after the evening: venue, times, who was there, and the checklist.</summary>
internal sealed record RecordVisitRequest(
    Guid? VenueId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string>? ParticipantsPresent,
    IReadOnlyList<ChecklistEntryRequest>? Items);
