using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>What the timers of a supervision case change in the case, the venue and the task list.</summary>
public static class SupervisionCaseTimers
{
    /// <summary>The reply came or the reply time ran out: the board may decide, and the officer gets the task.</summary>
    public static async Task ReadyForDecisionAsync(this CoordinationDbContext db, Guid caseId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var supervision = await db.Set<SupervisionCase>().FindAsync(caseId);
        if (supervision is null || supervision.Status is not (SupervisionStatus.AwaitingReply or SupervisionStatus.AwaitingDecision))
        {
            return;
        }

        supervision.Status = SupervisionStatus.AwaitingDecision;
        var task = InspectionTask.Create(
            supervision.MunicipalityId,
            AgencyKind.LicensingUnit,
            InspectionTaskKind.DecideSupervisionCase,
            supervision.RepliedAt is null ? "The licensee did not reply in time: prepare the decision" : "The licensee replied: prepare the decision",
            now,
            dueAt: null);
        task.VenueId = supervision.VenueId;
        task.SupervisionCaseId = supervision.Id;
        db.Add(task);
    }

    /// <summary>
    /// Whether the licensee's reply to the case's current kommunicering is recorded: a new,
    /// harsher kommunicering clears the reply to the one before (kept in the venue's history).
    /// </summary>
    public static async Task<bool> ReplyRecordedAsync(this CoordinationDbContext db, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<SupervisionCase>().FindAsync(caseId) is { RepliedAt: not null };
    }

    /// <summary>Three weeks passed without an appeal: the decision stands.</summary>
    public static async Task DecisionFinalAsync(this CoordinationDbContext db, Guid caseId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var supervision = await db.Set<SupervisionCase>().FindAsync(caseId);
        if (supervision is not { Status: SupervisionStatus.AppealWindowOpen })
        {
            return;
        }

        supervision.Status = SupervisionStatus.DecisionFinal;
        db.Add(new VenueHistoryEntry
        {
            Id = Guid.NewGuid(),
            VenueId = supervision.VenueId,
            MunicipalityId = supervision.MunicipalityId,
            At = now,
            Kind = VenueHistoryKind.DecisionFinal,
            Sanction = supervision.Decision,
            SupervisionCaseId = supervision.Id,
            Text = $"The decision ({supervision.Decision}) was not appealed within three weeks and stands.",
        });
    }

    /// <summary>
    /// The six-monthly follow-up came due: a task (due by the next follow-up, so one not done by
    /// then is overdue on the managers' list and escalates to them), a history line, the venue
    /// first in risk selection, and the next follow-up. The cycle keeps its dates: the next is
    /// counted from when this one was due, not from when its timer fired (later, if the service
    /// was down at the time).
    /// </summary>
    public static async Task FollowUpDueAsync(this CoordinationDbContext db, Guid caseId, DateTimeOffset now, IPublishEndpoint publish)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publish);
        var supervision = await db.Set<SupervisionCase>().FindAsync(caseId) ?? throw new InvalidOperationException($"Supervision case {caseId} is missing.");
        if (supervision.Status == SupervisionStatus.Closed)
        {
            // Closed while this timer was on its way (the workflow had not yet taken the close):
            // the close cancelled the case's tasks and nothing more is followed up.
            return;
        }

        var settings = await db.InspectionSettingsForAsync(supervision.MunicipalityId);
        var due = supervision.NextFollowUpAt is { } scheduled && scheduled <= now ? scheduled : now;
        var next = due.AddMonths(settings.SupervisionFollowUpMonths);
        while (next <= now)
        {
            next = next.AddMonths(settings.SupervisionFollowUpMonths);
        }

        supervision.NextFollowUpAt = next;
        if (await db.Set<Venue>().FindAsync(supervision.VenueId) is { } venue)
        {
            venue.FollowUpDueAt = due;
            db.Add(VenueHistoryEntry.For(venue, now, VenueHistoryKind.FollowUpDue, "The six-monthly follow-up of the supervision is due."));
        }

        var task = InspectionTask.Create(
            supervision.MunicipalityId,
            AgencyKind.LicensingUnit,
            InspectionTaskKind.FollowUpVenue,
            "Follow up the venue under supervision",
            now,
            dueAt: supervision.NextFollowUpAt);
        task.VenueId = supervision.VenueId;
        task.SupervisionCaseId = supervision.Id;
        db.Add(task);
        await publish.DeadlineSetAsync(task);
    }

    /// <summary>Whether the case is still followed up: not closed (a close the workflow has not yet taken counts).</summary>
    public static async Task<bool> StillFollowedUpAsync(this CoordinationDbContext db, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<SupervisionCase>().FindAsync(caseId) is { Status: not SupervisionStatus.Closed };
    }

    /// <summary>When the next follow-up falls due, as <see cref="FollowUpDueAsync"/> just set it.</summary>
    public static DateTime NextFollowUp(this CoordinationDbContext db, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<SupervisionCase>().Local.First(c => c.Id == caseId).NextFollowUpAt!.Value.UtcDateTime;
    }
}
