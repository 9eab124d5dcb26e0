using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Managers' view of overdue work of their agencies, per agency and municipality.</summary>
internal static class OverdueEndpoints
{
    public static IEndpointRouteBuilder MapOverdue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/overdue", OverdueAsync).WithTags("Concerns");
        return endpoints;
    }

    private static async Task<IResult> OverdueAsync(HttpContext http, CoordinationDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var managed = http.User.Viewer().ManagerMemberships();
        if (managed.Count == 0)
        {
            return Problems.Forbidden("The overdue lists are for the agencies' managers.");
        }

        var now = clock.GetUtcNow();
        var agencies = new List<object>();
        foreach (var membership in managed.DistinctBy(m => m.AgencyId))
        {
            // Joint work is overdue until answered; every other kind until done.
            var tasks = (await db.Open().Where(t => t.AgencyId == membership.AgencyId).ToListAsync(cancellationToken))
                .Where(t => t.DueAt < now && !(t.Kind == Contracts.Concerns.AgencyTaskKind.JointWork && t.CurrentState == "Accepted"))
                .OrderBy(t => t.DueAt)
                .Select(TaskView.Of)
                .ToList();
            List<object> assessments = [];
            List<object> reviews = [];
            if (membership.AgencyKind == AgencyKind.SocialServices)
            {
                var open = await db.Set<ConcernState>().AsNoTracking()
                    .Where(s => s.MunicipalityId == membership.MunicipalityId && s.ClosedAt == null)
                    .ToListAsync(cancellationToken);
                assessments = [.. open.SelectMany(s => OverdueAssessments(s, now))];
                reviews = [.. (await db.Set<ReviewState>().AsNoTracking()
                        .Where(r => r.AgencyId == membership.AgencyId && r.CurrentState == "Overdue")
                        .ToListAsync(cancellationToken))
                    .Select(r => (object)new { id = r.CorrelationId, concernId = r.ConcernId, r.Number, r.DueAt })];
            }

            agencies.Add(new { agencyId = membership.AgencyId, municipalityId = membership.MunicipalityId, agencyKind = membership.AgencyKind.ToString(), tasks, assessments, reviews });
        }

        return TypedResults.Ok(new { agencies });
    }

    private static IEnumerable<object> OverdueAssessments(ConcernState s, DateTimeOffset now)
    {
        if (s.ProtectiveAssessmentDoneAt is null && s.ProtectiveAssessmentDue < now)
        {
            yield return new { concernId = s.CorrelationId, assessment = "ProtectiveAssessment", dueAt = s.ProtectiveAssessmentDue };
        }

        if (s.PreliminaryDecision is null && s.PreliminaryAssessmentDue < now)
        {
            yield return new { concernId = s.CorrelationId, assessment = "PreliminaryAssessment", dueAt = s.PreliminaryAssessmentDue };
        }

        if (s.InvestigationDue is { } due && s.InvestigationCompletedAt is null && due < now)
        {
            yield return new { concernId = s.CorrelationId, assessment = "Investigation", dueAt = due };
        }
    }
}
