using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// How much work of the agencies a manager manages was overdue at the end of each of the last
/// weeks: tasks (joint work until answered, other kinds until done; the protective assessment's
/// task apart, which is among the assessments), social services' legal
/// assessments and investigations past their limit (each one, not each concern), reviews and inspection tasks: what
/// <see cref="OverdueQuery"/> lists now, counted back. Rebuilt from each item's own dates, so it
/// needs no snapshots; an investigation by the deadline in force at each instant, so a week before
/// an extension still shows it overdue (<see cref="ConcernState.InvestigationDueAt"/>).
/// </summary>
public sealed class OverdueTrendQuery(CoordinationDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<OverduePoint>> WeeklyAsync(CaseViewer viewer, Guid? municipalityId, Guid? agencyId, int weeks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var managed = viewer.ManagerMemberships()
            .DistinctBy(m => m.AgencyId)
            .Where(m => (municipalityId is null || m.MunicipalityId == municipalityId) && (agencyId is null || m.AgencyId == agencyId))
            .ToList();
        var agencyIds = managed.Select(m => m.AgencyId).ToList();
        var socialMunicipalities = managed.Where(m => m.AgencyKind == AgencyKind.SocialServices).Select(m => m.MunicipalityId).ToList();

        var tasks = await db.Set<AgencyTaskState>().AsNoTracking().Where(t => agencyIds.Contains(t.AgencyId) && t.Kind != AgencyTaskKind.ProtectiveAssessment).ToListAsync(cancellationToken);
        var reviews = await db.Set<ReviewState>().AsNoTracking().Where(r => agencyIds.Contains(r.AgencyId)).ToListAsync(cancellationToken);
        var concerns = await db.Set<ConcernState>().AsNoTracking().Where(s => socialMunicipalities.Contains(s.MunicipalityId)).ToListAsync(cancellationToken);
        var inspectionOwners = managed.Select(m => (m.MunicipalityId, m.AgencyKind)).ToHashSet();
        var inspectionMunicipalities = managed.Select(m => m.MunicipalityId).Distinct().ToList();
        var inspectionTasks = (await db.Set<InspectionTask>().AsNoTracking()
                .Where(t => inspectionMunicipalities.Contains(t.MunicipalityId) && t.DueAt != null)
                .ToListAsync(cancellationToken))
            .Where(t => inspectionOwners.Contains((t.MunicipalityId, t.AgencyKind)))
            .ToList();

        var now = clock.GetUtcNow();
        return [.. Enumerable.Range(0, weeks).Reverse().Select(back => now.AddDays(-7 * back)).Select(at => new OverduePoint(
            at,
            tasks.Count(t => t.OfferedAt <= at && t.DueAt < at && Before(TaskFilter.StoppedWaitingAt(t), at)),
            concerns.Where(s => s.RaisedAt <= at && Before(s.ClosedAt, at)).Sum(s => OverdueAssessments(s, at)),
            reviews.Count(r => r.DueAt < at && Before(r.CompletedAt ?? r.CancelledAt, at)),
            inspectionTasks.Count(t => t.CreatedAt <= at && t.DueAt < at && Before(t.CompletedAt, at))))];
    }

    // Each assessment past its limit counts, as the overdue list gives them: a concern whose
    // protective and preliminary assessments are both late is two.
    private static int OverdueAssessments(ConcernState s, DateTimeOffset at) =>
        (s.ProtectiveAssessmentDue < at && Before(s.ProtectiveAssessmentDoneAt, at) ? 1 : 0)
        + (s.PreliminaryAssessmentDue < at && Before(s.DecidedAt, at) ? 1 : 0)
        + (s.InvestigationDueAt(at) < at && Before(s.InvestigationCompletedAt, at) ? 1 : 0);

    // Still open at the instant: never ended, or ended after it.
    private static bool Before(DateTimeOffset? ended, DateTimeOffset at) => ended is null || ended > at;
}
