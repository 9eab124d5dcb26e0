using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>
/// The six-monthly follow-up of a venue under supervision, held: recorded by the licensing unit
/// with a note of what was reviewed, or done by a visit to the venue while it is due. Its open
/// tasks are done, the venue no longer comes first in risk selection for it, and the venue's
/// history says so. The next follow-up keeps its date: the cycle counts from the decision.
/// </summary>
internal static class SupervisionFollowUp
{
    /// <summary>Whether a follow-up of the venue's open supervision case has come due and is not yet held.</summary>
    public static bool IsDue(Venue venue) => venue.OpenSupervisionCaseId is not null && venue.FollowUpDueAt is not null;

    public static Task<List<InspectionTask>> OpenTasksAsync(CoordinationDbContext db, Guid caseId) =>
        db.Set<InspectionTask>().Where(t => t.SupervisionCaseId == caseId && t.Kind == InspectionTaskKind.FollowUpVenue && t.Status == InspectionTaskStatus.Open).ToListAsync();

    /// <summary>The officer reviewed the venue: every open follow-up task of the case is done, with the note.</summary>
    public static Task HeldAsync(CoordinationDbContext db, IPublishEndpoint publish, Venue venue, Guid caseId, string note, DateTimeOffset now) =>
        CompleteAsync(db, publish, venue, caseId, now, note, null, $"The six-monthly follow-up of the supervision was held: {note}");

    /// <summary>
    /// A visit made while a follow-up is due is that follow-up: nobody reviews a venue more
    /// closely than by visiting it, and the officer would otherwise record the same thing twice.
    /// A visit from before the follow-up came due (an earlier round recorded late) saw the venue
    /// before the period the follow-up reviews, so it holds nothing.
    /// </summary>
    public static Task CompleteByVisitAsync(CoordinationDbContext db, IPublishEndpoint publish, Venue venue, Guid visitId, DateTimeOffset visitedAt, DateTimeOffset now) =>
        IsDue(venue) && visitedAt >= venue.FollowUpDueAt
            ? CompleteAsync(db, publish, venue, venue.OpenSupervisionCaseId!.Value, now, null, visitId,
                $"The visit of {StockholmTime.Show(StockholmTime.Today(visitedAt))} counts as the six-monthly follow-up of the supervision (recorded automatically with the visit).")
            : Task.CompletedTask;

    private static async Task CompleteAsync(CoordinationDbContext db, IPublishEndpoint publish, Venue venue, Guid caseId, DateTimeOffset now, string? note, Guid? visitId, string text)
    {
        foreach (var task in await OpenTasksAsync(db, caseId))
        {
            task.Note = note;
            task.VisitId ??= visitId;
            task.Complete(InspectionTaskStatus.Done, now);
            await publish.EndedAsync(task);
        }

        venue.FollowUpDueAt = null;
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.FollowUpHeld, text);
        entry.SupervisionCaseId = caseId;
        entry.VisitId = visitId;
        db.Add(entry);
    }
}
