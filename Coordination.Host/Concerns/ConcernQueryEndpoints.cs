using Coordination.Workflows.Concerns.Access;

namespace Coordination.Host.Concerns;

/// <summary>GET a concern and its chronology: <see cref="ConcernQueries"/> as JSON, one shape per access level.</summary>
internal static class ConcernQueryEndpoints
{
    public static RouteGroupBuilder MapConcernQueries(this RouteGroupBuilder concerns)
    {
        concerns.MapGet("/{id:guid}", async (Guid id, HttpContext http, ConcernQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(id, http.User.Viewer(), ct)).ToResult(view => TypedResults.Ok(Json(view))));
        concerns.MapGet("/{id:guid}/chronology", async (Guid id, HttpContext http, ConcernQueries queries, CancellationToken ct) =>
            (await queries.ChronologyAsync(id, http.User.Viewer(), ct)).ToResult(events =>
                TypedResults.Ok(events.Select(e => new { e.At, e.Kind, e.Text, audience = e.Audience.ToString(), e.AgencyId }))));
        return concerns;
    }

    private static object Json(ConcernView view)
    {
        var c = view.Concern;
        var s = view.State;
        return view.Access switch
        {
            ConcernAccessLevel.Reporter => new { id = c.Id, access = "Reporter", raisedAt = c.RaisedAt, feedback = view.FeedbackForViewer?.ToString() },
            ConcernAccessLevel.Shared => new
            {
                id = c.Id,
                access = "Shared",
                status = view.SharedStatus,
                youngPerson = new { name = view.YoungPersonName, birthYear = c.HasProtectedIdentity ? (int?)null : c.BirthDate.Year },
                school = view.School,
                categories = c.Categories.Select(x => x.ToString()),
                urgency = c.Urgency.ToString(),
                feedback = view.FeedbackForViewer?.ToString(),
                tasks = view.Tasks.Select(TaskView.Of),
                planActions = !view.HasPlan ? null : view.PlanActions.Select(a => new { a.What, a.ByDate, a.TaskId }),
            },
            _ => new
            {
                id = c.Id,
                access = "Full",
                status = view.Status,
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
                legalBases = view.LegalBases.Select(b => new
                {
                    b.Id, kind = b.Kind.ToString(), givenBy = b.GivenBy?.ToString(), b.GivenOn, b.DocumentReference, b.Scope, b.Provision, b.WeighedBy,
                    b.ValidUntil, b.EndsAt, agencyIds = b.AgencyIds, b.RecordedAt, b.WithdrawnAt, b.Expired,
                }),
                tasks = view.Tasks.Select(TaskView.Of),
                plan = view.Plan is null ? null : new { goals = view.Plan.Goals.Split('\n'), view.Plan.AgreedAt, actions = view.Plan.Actions.Select(a => new { a.What, a.AgencyId, a.OwnerUserId, a.ByDate, a.TaskId }) },
                reviews = view.Reviews.Select(r => new { id = r.CorrelationId, r.Number, state = r.CurrentState, r.DueAt, r.RemindAt, outcome = r.Outcome?.ToString(), r.CompletedAt }),
            },
        };
    }
}
