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
public sealed class ConcernQueries(CoordinationDbContext db, AuditTrail audit, IHttpContextAccessor http)
{
    public async Task<Answer<ConcernView>> GetAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var file = await CaseFile.LoadAsync(db, id, viewer, cancellationToken);
        if (file is null || file.Access == ConcernAccessLevel.None)
        {
            return file is not null && viewer.Administers(file.Concern.MunicipalityId)
                ? Refusal.Forbidden("Administrators manage users and settings; they do not read case content.")
                : Refusal.NotFound("Concern");
        }

        audit.Record(CaseReadAudit.Of(file, "case view", http));
        await audit.SaveChangesAsync(cancellationToken);
        if (file.Access == ConcernAccessLevel.Reporter)
        {
            return Answers.Of(new ConcernView(file.Access, file.Concern, file.State, [], [], null, [], [], HasPlan: false));
        }

        var tasks = await db.Set<AgencyTaskState>().AsNoTracking().Where(t => t.ConcernId == id).ToListAsync(cancellationToken);
        var plan = await db.Set<CommitmentPlan>().AsNoTracking().Include(p => p.Actions).FirstOrDefaultAsync(p => p.ConcernId == id, cancellationToken);
        if (file.Access == ConcernAccessLevel.Shared)
        {
            // The minimum an agency needs for the joint work: who, which school, why, how urgent, and its own part.
            var mine = viewer.CaseAgencies(file.Concern.MunicipalityId);
            return Answers.Of(new ConcernView(
                file.Access, file.Concern, file.State, [],
                [.. tasks.Where(t => mine.Contains(t.AgencyId))],
                null,
                plan is null ? [] : [.. plan.Actions.Where(a => mine.Contains(a.AgencyId))],
                [],
                plan is not null));
        }

        var reviews = await db.Set<ReviewState>().AsNoTracking().Where(r => r.ConcernId == id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        return Answers.Of(new ConcernView(file.Access, file.Concern, file.State, file.Bases, tasks, plan, plan?.Actions ?? [], reviews, plan is not null));
    }

    /// <summary>Every step of the case this user may see, oldest first.</summary>
    public async Task<Answer<IReadOnlyList<CaseEvent>>> ChronologyAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var file = await CaseFile.LoadAsync(db, id, viewer, cancellationToken);
        if (file is null || file.Access == ConcernAccessLevel.None)
        {
            return Refusal.NotFound("Concern");
        }

        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.ConcernId == id).ToListAsync(cancellationToken);
        audit.Record(CaseReadAudit.Of(file, "chronology", http));
        await audit.SaveChangesAsync(cancellationToken);
        var agencies = viewer.CaseAgencies(file.Concern.MunicipalityId);
        var visible = events.Where(e => file.Access switch
        {
            ConcernAccessLevel.Full => true,
            ConcernAccessLevel.Shared => (e.Audience == CaseEventAudience.Agency && e.AgencyId is { } a && agencies.Contains(a))
                || (e.Audience is CaseEventAudience.SharedAgencies or CaseEventAudience.Reporter && agencies.Any(a => ConcernAccess.WasSharedWith(file.Bases, a, e.At))),
            _ => e.Audience == CaseEventAudience.Reporter && (e.Kind == "ReporterFeedbackGiven" || e.ActorUserId == viewer.UserId),
        });
        return Answers.Of<IReadOnlyList<CaseEvent>>([.. visible.OrderBy(e => e.At)]);
    }
}
