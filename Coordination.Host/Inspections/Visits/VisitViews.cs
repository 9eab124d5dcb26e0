using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;

namespace Coordination.Host.Inspections.Visits;

/// <summary>A visit as the licensing unit sees it, and as a participating agency sees its own items.</summary>
internal static class VisitViews
{
    public static object ForLicensing(Visit visit, Venue venue) => new
    {
        visit.Id,
        visit.RoundId,
        visit.VenueId,
        venue = venue.Name,
        visit.StartedAt,
        visit.EndedAt,
        visit.ParticipantsPresent,
        items = visit.Entries.Select(Item).ToList(),
        remarks = visit.RemarkCount,
        visit.ProtocolDueAt,
        visit.ProtocolSentAt,
        protocolSentTo = visit.ProtocolSentAt is null ? null : ProtocolRecipient.For(visit, venue),
        outcome = visit.Outcome?.ToString(),
    };

    public static object ForParticipant(Visit visit, Venue venue, IReadOnlyList<AgencyKind> agencies) => new
    {
        visit.Id,
        visit.RoundId,
        visit.VenueId,
        venue = venue.Name,
        visit.StartedAt,
        visit.EndedAt,
        visit.ParticipantsPresent,
        items = visit.Entries
            .Where(e => Checklists.TryFind(e.Code, out var item) && agencies.Contains(item!.CheckedBy))
            .Select(Item)
            .ToList(),
    };

    private static object Item(ChecklistEntry entry)
    {
        Checklists.TryFind(entry.Code, out var item);
        return new { entry.Code, text = item?.Text, result = entry.Result.ToString(), entry.Note };
    }
}
