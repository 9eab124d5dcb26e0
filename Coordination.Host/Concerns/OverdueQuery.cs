using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Managers' overdue work of the agencies they manage: tasks past their deadline (the protective
/// assessment's task apart, which is among the assessments), social
/// services' assessments past the legal limits, reviews past their due date, and inspection
/// tasks past theirs. The one read path of the overdue lists for the API and the dashboard.
/// Everything is chosen by its date, never by a state a timer sets, so work stays listed even
/// if its timer never fired.
/// </summary>
public sealed class OverdueQuery(CoordinationDbContext db, TimeProvider clock)
{
    /// <summary>Every agency the user manages, optionally narrowed to one municipality or one agency.</summary>
    public async Task<Answer<IReadOnlyList<AgencyOverdue>>> ForManagerAsync(
        CaseViewer viewer, Guid? municipalityId, Guid? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var managed = viewer.ManagerMemberships();
        if (managed.Count == 0)
        {
            return Refusal.Forbidden("The overdue lists are for the agencies' managers.");
        }

        var now = clock.GetUtcNow();
        var agencies = new List<AgencyOverdue>();
        foreach (var membership in managed.DistinctBy(m => m.AgencyId)
                     .Where(m => (municipalityId is null || m.MunicipalityId == municipalityId) && (agencyId is null || m.AgencyId == agencyId)))
        {
            // Joint work is overdue until answered; every other kind until done: the rule that marks the task inbox's rows.
            // A task whose sharing has ended is not listed, as in the inbox, even before it is cancelled.
            // The protective assessment's task is not listed: the assessment is, past its legal limit,
            // and listed twice one late assessment read as two pieces of late work.
            var overdue = (await db.Open().Where(t => t.AgencyId == membership.AgencyId && t.Kind != AgencyTaskKind.ProtectiveAssessment).ToListAsync(cancellationToken))
                .Where(t => TaskFilter.IsOverdue(t, now))
                .ToList();
            var tasks = (await db.StillSharedAsync(overdue, now, cancellationToken)).OrderBy(t => t.DueAt).ToList();
            List<OverdueAssessment> assessments = [];
            List<OverdueAssessment> nearLimit = [];
            List<ReviewState> reviews = [];
            if (membership.AgencyKind == AgencyKind.SocialServices)
            {
                var open = await db.Set<ConcernState>().AsNoTracking()
                    .Where(s => s.MunicipalityId == membership.MunicipalityId && s.ClosedAt == null)
                    .ToListAsync(cancellationToken);
                assessments = [.. open.SelectMany(s => OverdueAssessments(s, now))];
                var (_, rules) = await db.CurrentAsync(membership.MunicipalityId, cancellationToken);
                // 0 working days: no early warning (a deadline is counted in one working day or more).
                var nearFrom = rules.NearLimitWorkingDays > 0 ? rules.Calendar().DeadlineInWorkingDays(now, rules.NearLimitWorkingDays) : now;
                nearLimit = [.. open.SelectMany(s => OpenAssessments(s)).Where(a => a.DueAt >= now && a.DueAt <= nearFrom).OrderBy(a => a.DueAt)];
                reviews = [.. (await db.Set<ReviewState>().AsNoTracking()
                        .Where(r => r.AgencyId == membership.AgencyId && ReviewState.PendingStates.Contains(r.CurrentState))
                        .ToListAsync(cancellationToken))
                    .Where(r => r.DueAt < now)
                    .OrderBy(r => r.DueAt)];
            }

            // Inspection tasks are kept per municipality and agency kind (Workflow B has one agency of each kind per municipality).
            var inspectionTasks = (await db.Set<InspectionTask>().AsNoTracking()
                    .Where(t => t.MunicipalityId == membership.MunicipalityId && t.AgencyKind == membership.AgencyKind
                        && t.Status == InspectionTaskStatus.Open && t.DueAt != null)
                    .ToListAsync(cancellationToken))
                .Where(t => t.DueAt < now)
                .OrderBy(t => t.DueAt)
                .ToList();
            agencies.Add(new AgencyOverdue(membership.AgencyId, membership.MunicipalityId, membership.AgencyKind, tasks, assessments, reviews, nearLimit, inspectionTasks));
        }

        return Answers.Of<IReadOnlyList<AgencyOverdue>>(agencies);
    }

    private static IEnumerable<OverdueAssessment> OverdueAssessments(ConcernState s, DateTimeOffset now) =>
        OpenAssessments(s).Where(a => a.DueAt < now);

    /// <summary>The legal assessments of a concern not yet done, each with its limit, in the order the law takes them.</summary>
    internal static IEnumerable<OverdueAssessment> OpenAssessments(ConcernState s) =>
        s.OpenLimits().Select(l => new OverdueAssessment(s.CorrelationId, l.Assessment, l.DueAt));
}
