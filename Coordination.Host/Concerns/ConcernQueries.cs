using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Reading one concern and its chronology, cut to what the asking user may see. The one read
/// path of the case for the API and the case page.
/// </summary>
/// <remarks>Every answer that shows the case is audited here, in one entry per read (issue 7).</remarks>
public sealed class ConcernQueries(CoordinationDbContext db, AuditTrail audit, IHttpContextAccessor http, TimeProvider clock)
{
    public Task<Answer<ConcernView>> GetAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        ReadAsync(id, viewer, "case view", Refused, file => ViewAsync(file, viewer, cancellationToken), cancellationToken);

    /// <summary>
    /// The case page: the case and its chronology read together and audited as one read, so
    /// opening the page leaves exactly one entry.
    /// </summary>
    public Task<Answer<CasePage>> PageAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        ReadAsync(id, viewer, "case page (case view and chronology)", Refused,
            async file => new CasePage(await ViewAsync(file, viewer, cancellationToken), await EventsAsync(file, viewer, cancellationToken)), cancellationToken);

    /// <summary>Every step of the case this user may see, oldest first.</summary>
    public Task<Answer<IReadOnlyList<CaseEvent>>> ChronologyAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        ReadAsync(id, viewer, "chronology", (_, _) => Refusal.NotFound("Concern"), file => EventsAsync(file, viewer, cancellationToken), cancellationToken);

    /// <summary>Loads the case as this viewer may see it, records the read once, then reads what was asked.</summary>
    private async Task<Answer<T>> ReadAsync<T>(
        Guid id, CaseViewer viewer, string what, Func<CaseFile?, CaseViewer, Refusal> refuse, Func<CaseFile, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var file = await CaseFile.LoadAsync(db, id, viewer, clock, cancellationToken);
        if (file is null || file.Access == ConcernAccessLevel.None)
        {
            return refuse(file, viewer);
        }

        audit.Record(CaseReadAudit.Of(file, what, http));
        await audit.SaveChangesAsync(cancellationToken);
        return Answers.Of(await read(file));
    }

    private static Refusal Refused(CaseFile? file, CaseViewer viewer) =>
        file is not null && viewer.Administers(file.Concern.MunicipalityId)
            ? Refusal.Forbidden("Administrators manage users and settings; they do not read case content.")
            : Refusal.NotFound("Concern");

    private async Task<ConcernView> ViewAsync(CaseFile file, CaseViewer viewer, CancellationToken cancellationToken)
    {
        var id = file.Concern.Id;
        if (file.Access == ConcernAccessLevel.Reporter)
        {
            return new ConcernView(file.Access, file.Concern, file.State, [], [], null, [], [], HasPlan: false) { ViewerIsReporter = true };
        }

        var tasks = await db.Set<AgencyTaskState>().AsNoTracking().Where(t => t.ConcernId == id).ToListAsync(cancellationToken);
        var plan = await db.Set<CommitmentPlan>().AsNoTracking().Include(p => p.Actions).FirstOrDefaultAsync(p => p.ConcernId == id, cancellationToken);
        if (file.Access == ConcernAccessLevel.Shared)
        {
            // The minimum an agency needs for the joint work: who, which school, why, how urgent, and its own part.
            var mine = viewer.CaseAgencies(file.Concern.MunicipalityId);
            return new ConcernView(
                file.Access, file.Concern, file.State, [],
                [.. tasks.Where(t => mine.Contains(t.AgencyId))],
                null,
                plan is null ? [] : [.. plan.Actions.Where(a => mine.Contains(a.AgencyId))],
                [],
                plan is not null)
            {
                ViewerIsReporter = ConcernAccess.IsReporter(viewer, file.Concern),
            };
        }

        var reviews = await db.Set<ReviewState>().AsNoTracking().Where(r => r.ConcernId == id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        return new ConcernView(file.Access, file.Concern, file.State, file.Bases, tasks, plan, plan?.Actions ?? [], reviews, plan is not null);
    }

    /// <summary>
    /// The feedback to the reporter tells social services' decision on an investigation, which the
    /// shared view leaves out: it is the reporter's (SoL 14:1b), not the other agencies'.
    /// </summary>
    private const string FeedbackKind = "ReporterFeedbackGiven";

    private async Task<IReadOnlyList<CaseEvent>> EventsAsync(CaseFile file, CaseViewer viewer, CancellationToken cancellationToken)
    {
        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.ConcernId == file.Concern.Id).ToListAsync(cancellationToken);
        var agencies = viewer.CaseAgencies(file.Concern.MunicipalityId);
        var visible = events.Where(e => file.Access switch
        {
            ConcernAccessLevel.Full => true,
            ConcernAccessLevel.Shared => (e.Audience == CaseEventAudience.Agency && e.AgencyId is { } a && agencies.Contains(a))
                || (e.Audience is CaseEventAudience.SharedAgencies or CaseEventAudience.Reporter
                    && (e.Kind != FeedbackKind || ConcernAccess.IsReporter(viewer, file.Concern))
                    && agencies.Any(a => ConcernAccess.WasSharedWith(file.Bases, a, e.At))),
            _ => e.Audience == CaseEventAudience.Reporter && (e.Kind == FeedbackKind || e.ActorUserId == viewer.UserId),
        });
        return [.. visible.OrderBy(e => e.At)];
    }
}

/// <summary>What the case page shows: the case and the chronology, read and audited together.</summary>
public sealed record CasePage(ConcernView View, IReadOnlyList<CaseEvent> Chronology);
