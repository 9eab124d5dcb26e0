using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Reading a concern and its chronology, cut to what the asking user may see.</summary>
internal static class ConcernQueryEndpoints
{
    private const string ProtectedIdentity = "Skyddad identitet";

    public static RouteGroupBuilder MapConcernQueries(this RouteGroupBuilder concerns)
    {
        concerns.MapGet("/{id:guid}", GetAsync);
        concerns.MapGet("/{id:guid}/chronology", ChronologyAsync);
        return concerns;
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var file = await CaseFile.LoadAsync(db, id, viewer, cancellationToken);
        if (file is null || file.Access == ConcernAccessLevel.None)
        {
            return file is not null && viewer.Administers(file.Concern.MunicipalityId)
                ? Problems.Forbidden("Administrators manage users and settings; they do not read case content.")
                : Problems.NotFound("Concern");
        }

        var c = file.Concern;
        var status = file.State?.CurrentState ?? "Registering";
        if (file.Access == ConcernAccessLevel.Reporter)
        {
            return TypedResults.Ok(new { id, access = "Reporter", raisedAt = c.RaisedAt, feedback = file.State?.FeedbackGiven?.ToString() });
        }

        var tasks = await db.Set<AgencyTaskState>().AsNoTracking().Where(t => t.ConcernId == id).ToListAsync(cancellationToken);
        var plan = await db.Set<CommitmentPlan>().AsNoTracking().Include(p => p.Actions).FirstOrDefaultAsync(p => p.ConcernId == id, cancellationToken);
        if (file.Access == ConcernAccessLevel.Shared)
        {
            // The minimum an agency needs for the joint work: who, which school, why, how urgent, and its own part.
            var mine = viewer.CaseAgencies(c.MunicipalityId);
            return TypedResults.Ok(new
            {
                id,
                access = "Shared",
                status,
                youngPerson = new { name = c.HasProtectedIdentity ? ProtectedIdentity : c.YoungPersonName, birthYear = c.HasProtectedIdentity ? (int?)null : c.BirthDate.Year },
                school = c.School,
                categories = c.Categories.Select(x => x.ToString()),
                urgency = c.Urgency.ToString(),
                tasks = tasks.Where(t => mine.Contains(t.AgencyId)).Select(TaskView.Of),
                planActions = plan?.Actions.Where(a => mine.Contains(a.AgencyId)).Select(a => new { a.What, a.ByDate, a.TaskId }),
            });
        }

        var reviews = await db.Set<ReviewState>().AsNoTracking().Where(r => r.ConcernId == id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        var s = file.State;
        return TypedResults.Ok(new
        {
            id,
            access = "Full",
            status,
            municipalityId = c.MunicipalityId,
            youngPerson = new { personalIdentityNumber = c.PersonalIdentityNumber, name = c.YoungPersonName, birthDate = c.BirthDate, protectedIdentity = c.HasProtectedIdentity },
            school = c.School,
            categories = c.Categories.Select(x => x.ToString()),
            urgency = c.Urgency.ToString(),
            description = c.Description,
            guardianKnowledge = c.GuardianKnowledge,
            reporterUserId = c.ReporterUserId,
            reporterAgencyId = c.ReporterAgencyId,
            raisedAt = c.RaisedAt,
            protectiveAssessmentDue = s?.ProtectiveAssessmentDue,
            protectiveAssessmentDoneAt = s?.ProtectiveAssessmentDoneAt,
            preliminaryAssessmentDue = s?.PreliminaryAssessmentDue,
            preliminaryDecision = s?.PreliminaryDecision?.ToString(),
            investigationDue = s?.InvestigationDue,
            investigationExtensionReason = s?.InvestigationExtensionReason,
            investigationCompletedAt = s?.InvestigationCompletedAt,
            investigationConclusion = s?.InvestigationConclusion?.ToString(),
            feedback = s?.FeedbackGiven?.ToString(),
            outcome = s?.Outcome,
            closedAt = s?.ClosedAt,
            legalBases = file.Bases.Select(b => new
            {
                b.Id, kind = b.Kind.ToString(), givenBy = b.GivenBy?.ToString(), b.GivenOn, b.DocumentReference, b.Provision, b.WeighedBy,
                agencyIds = b.AgencyIds, b.RecordedAt, b.WithdrawnAt,
            }),
            tasks = tasks.Select(TaskView.Of),
            plan = plan is null ? null : new { goals = plan.Goals.Split('\n'), plan.AgreedAt, actions = plan.Actions.Select(a => new { a.What, a.AgencyId, a.OwnerUserId, a.ByDate, a.TaskId }) },
            reviews = reviews.Select(r => new { id = r.CorrelationId, r.Number, state = r.CurrentState, r.DueAt, r.RemindAt, outcome = r.Outcome?.ToString(), r.CompletedAt }),
        });
    }

    private static async Task<IResult> ChronologyAsync(Guid id, HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var file = await CaseFile.LoadAsync(db, id, viewer, cancellationToken);
        if (file is null || file.Access == ConcernAccessLevel.None)
        {
            return Problems.NotFound("Concern");
        }

        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.ConcernId == id).ToListAsync(cancellationToken);
        var agencies = viewer.CaseAgencies(file.Concern.MunicipalityId);
        var visible = events.Where(e => file.Access switch
        {
            ConcernAccessLevel.Full => true,
            ConcernAccessLevel.Shared => (e.Audience == CaseEventAudience.Agency && e.AgencyId is { } a && agencies.Contains(a))
                || (e.Audience is CaseEventAudience.SharedAgencies or CaseEventAudience.Reporter && agencies.Any(a => ConcernAccess.WasSharedWith(file.Bases, a, e.At))),
            _ => e.Audience == CaseEventAudience.Reporter && (e.Kind == "ReporterFeedbackGiven" || e.ActorUserId == viewer.UserId),
        });
        return TypedResults.Ok(visible.OrderBy(e => e.At).Select(e => new { e.At, e.Kind, e.Text, audience = e.Audience.ToString(), e.AgencyId }));
    }
}
