using Coordination.Contracts.Inspections;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Visits;

/// <summary>
/// A venue's re-inspection: scheduled as a due date on the venue (the end of the Stockholm day
/// <see cref="InspectionSettings.ReInspectionDays"/> days after the outcome), a task for the officer and a
/// history line, with its reminder and escalation kept by the re-inspection state machine;
/// done by the venue's next visit (one that took place after the re-inspection was asked for).
/// </summary>
internal static class ReInspection
{
    /// <summary>How long before its date the officer is reminded of a re-inspection.</summary>
    private static readonly TimeSpan ReminderBefore = TimeSpan.FromDays(7);

    public static async Task ScheduleAsync(
        CoordinationDbContext db, IPublishEndpoint publish, Venue venue, DateTimeOffset now, InspectionSettings settings, Guid? visitId, string reason)
    {
        // Due by the end of the day in Stockholm, so that a visit on the last day's evening is in
        // time and the date the officer reads is the date that counts (not the hour of the outcome).
        var lastDay = StockholmTime.Today(now).AddDays(settings.ReInspectionDays);
        var due = StockholmTime.FromLocal(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue));
        venue.ReInspectionDueAt = due;
        var task = InspectionTask.Create(venue.MunicipalityId, AgencyKind.LicensingUnit, InspectionTaskKind.ReInspectVenue, $"Re-inspect {venue.Name}", now, due);
        task.VenueId = venue.Id;
        task.VisitId = visitId;
        db.Add(task);
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.ReInspectionScheduled, $"{reason}: re-inspection due by {StockholmTime.Show(lastDay)}.");
        entry.VisitId = visitId;
        db.Add(entry);
        var remindAt = due - ReminderBefore > now ? due - ReminderBefore : now;
        await publish.Publish(new ReInspectionScheduled(task.Id, venue.Id, venue.MunicipalityId, remindAt, due));
    }

    /// <summary>
    /// A visit to the venue is the re-inspection its open re-inspection tasks wait for, when it took
    /// place after the re-inspection was asked for: after the visit whose remarks asked for it and
    /// after the task was scheduled (the outcome, or the board's decision). A visit of an earlier
    /// round recorded late saw the venue before the remarks were made, and one between the remarks
    /// and a sanction's decision saw it before the venue was told to put things right; neither
    /// re-inspects anything, and the venue's date stays while a task waits.
    /// </summary>
    public static async Task CompleteByVisitAsync(CoordinationDbContext db, IPublishEndpoint publish, Venue venue, Visit visit, DateTimeOffset now)
    {
        var open = await db.Set<InspectionTask>()
            .Where(t => t.VenueId == venue.Id && t.Kind == InspectionTaskKind.ReInspectVenue && t.Status == InspectionTaskStatus.Open)
            .ToListAsync();
        var remarkVisitIds = open.Where(t => t.VisitId is not null).Select(t => t.VisitId!.Value).ToList();
        var remarksMadeAt = await db.Set<Visit>()
            .Where(v => remarkVisitIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.StartedAt);
        var waiting = 0;
        foreach (var task in open)
        {
            var after = task.VisitId is { } remarkVisit && remarksMadeAt.TryGetValue(remarkVisit, out var made) && made > task.CreatedAt ? made : task.CreatedAt;
            if (visit.StartedAt <= after)
            {
                waiting++;
                continue;
            }

            task.Complete(InspectionTaskStatus.Done, now);
            await publish.Publish(new ReInspectionDone(task.Id, visit.Id));
        }

        if (waiting == 0)
        {
            venue.ReInspectionDueAt = null;
        }
    }
}
