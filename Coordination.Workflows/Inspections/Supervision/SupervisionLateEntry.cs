using System.Globalization;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>
/// A reply or an appeal the licensee sent in time that an official enters only after its timer
/// fired (the reply time ran out, the appeal window closed). It takes effect as if it had been
/// entered in time, as far as that is still possible, and the case keeps when it was received and
/// when entered. The workflow has consumed its timer and has nothing left to do for either, so
/// what changes is what the timer's step wrote; an event published now would only be ignored.
/// </summary>
public static class SupervisionLateEntry
{
    /// <summary>
    /// The reply time's timer found no reply and opened the decision task saying so, and the board
    /// has not decided: the reply goes on the case, and the open decision task says it came in time,
    /// as the task of a reply entered in time would.
    /// </summary>
    public static async Task ReplyAfterReplyTimeAsync(this CoordinationDbContext db, SupervisionCase supervision, string reply, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(supervision);
        supervision.Reply = reply;
        supervision.RepliedAt = receivedAt;
        supervision.ReplyEnteredAt = now;
        var title = string.Create(CultureInfo.InvariantCulture, $"The licensee replied in time (received {receivedAt:yyyy-MM-dd}, entered {now:yyyy-MM-dd} after the reply time ran out): prepare the decision");
        var tasks = await db.Set<InspectionTask>()
            .Where(t => t.SupervisionCaseId == supervision.Id && t.Kind == InspectionTaskKind.DecideSupervisionCase && t.Status == InspectionTaskStatus.Open)
            .ToListAsync();
        foreach (var task in tasks)
        {
            task.Title = title;
        }
    }

    /// <summary>
    /// A reply to a proposal since replaced by a harsher one, received within that proposal's reply
    /// time: it goes on the replaced proposal, and a line of the venue's history says so after the
    /// line of the replacement (which may have said the licensee did not reply). It is not the reply
    /// to the proposal in force, whose reply time runs on; so the workflow, waiting for that one,
    /// is told nothing. The line's own words take at most 200 characters, so a reply of the longest
    /// length the API takes fits the history's column (2,000); they took about 230, and PostgreSQL
    /// refused a long reply with a 500.
    /// </summary>
    public static void ReplyToReplacedProposal(this CoordinationDbContext db, Venue venue, ReplacedProposal proposal, string reply, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(proposal);
        proposal.Reply = reply;
        proposal.RepliedAt = receivedAt;
        proposal.ReplyEnteredAt = now;
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.KommuniceringSent, string.Create(
            CultureInfo.InvariantCulture,
            $"The reply to the {proposal.ProposedSanction} proposal of {proposal.KommuniceringSentAt:yyyy-MM-dd}, received on {receivedAt:yyyy-MM-dd} within its reply time (until {proposal.ReplyDueAt:yyyy-MM-dd}), was entered on {now:yyyy-MM-dd} after a harsher proposal replaced it on {proposal.ReplacedAt:yyyy-MM-dd}: {reply}"));
        entry.SupervisionCaseId = proposal.SupervisionCaseId;
        db.Add(entry);
    }

    /// <summary>
    /// Until when an appeal may be entered on the case: one received in time is entered after the
    /// window ended for <see cref="InspectionSettings.LateAppealEntryDays"/> more, and no longer
    /// after that, since a letter that arrived in time has reached the case by then or is not
    /// plausible. Null while there is no decision to appeal, once it is appealed or the case closed.
    /// </summary>
    public static DateTimeOffset? AppealEntryEndsAt(this SupervisionCase supervision, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(supervision);
        ArgumentNullException.ThrowIfNull(settings);
        return supervision.Status is SupervisionStatus.AppealWindowOpen or SupervisionStatus.DecisionFinal && supervision.AppealEndsAt is { } ends
            ? ends.AddDays(settings.LateAppealEntryDays)
            : null;
    }

    /// <summary>
    /// The appeal window's timer found no appeal and marked the decision final, in the case and in a
    /// line of the venue's history. The case is appealed; the history, append-only, keeps that line
    /// and says after it that the decision did not become final. What else the timer did stands, as
    /// it does for an appeal entered in time: the six-monthly follow-ups of the venue under
    /// supervision (and a re-inspection set at the decision) go on while the court tries the
    /// appeal, since the decision applies meanwhile.
    /// </summary>
    public static async Task AppealAfterWindowAsync(this CoordinationDbContext db, SupervisionCase supervision, Venue venue, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(supervision);
        ArgumentNullException.ThrowIfNull(venue);
        supervision.Status = SupervisionStatus.Appealed;
        supervision.AppealLodgedAt = receivedAt;
        supervision.AppealEnteredAt = now;

        // Loaded whole: SQLite cannot order by a DateTimeOffset, and a case has one such line.
        var finalLines = await db.Set<VenueHistoryEntry>().AsNoTracking()
            .Where(e => e.SupervisionCaseId == supervision.Id && e.Kind == VenueHistoryKind.DecisionFinal)
            .ToListAsync();
        var said = finalLines.Count == 0
            ? "the decision was marked final when the window closed"
            : string.Create(CultureInfo.InvariantCulture, $"the line of {finalLines.Max(e => e.At):yyyy-MM-dd} saying it stands no longer holds");
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.AppealLodged, string.Create(
            CultureInfo.InvariantCulture,
            $"The appeal received on {receivedAt:yyyy-MM-dd}, within the appeal window, was entered on {now:yyyy-MM-dd}, after the window had closed: the decision ({supervision.Decision}) is appealed and not final; {said}."));
        entry.SupervisionCaseId = supervision.Id;
        db.Add(entry);
    }
}
