using Coordination.Contracts.Concerns;
using Coordination.Host.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.FollowUp;

/// <summary>
/// The twice-yearly follow-up of one municipality (DOMAIN.md, "The twice-yearly follow-up"):
/// counts and times (the median and the longest, in whole hours or days) only, no personal data,
/// for the managers of the municipality's agencies.
/// </summary>
public sealed class FollowUpReportQuery(CoordinationDbContext db, TimeProvider clock)
{
    public async Task<FollowUpReport?> ForAsync(CaseViewer viewer, Guid municipalityId, HalfYear half, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(half);
        if (!viewer.Memberships.Any(m => m.MunicipalityId == municipalityId && m.Role == MembershipRole.Manager))
        {
            return null;
        }

        var (from, to) = (half.From, half.To);

        // The current half-year counts what is late up to now, not up to its end.
        var now = clock.GetUtcNow();
        var overdueBy = now < to ? now : to;
        var agencyKinds = await db.KindsByIdAsync(municipalityId, cancellationToken);
        var concerns = await db.Set<Concern>().AsNoTracking().Where(c => c.MunicipalityId == municipalityId && c.RaisedAt >= from && c.RaisedAt < to).ToListAsync(cancellationToken);
        var ids = concerns.Select(c => c.Id).ToList();
        var states = await db.Set<ConcernState>().AsNoTracking().Where(s => ids.Contains(s.CorrelationId)).ToListAsync(cancellationToken);
        // The tasks figures are the agencies' joint work and plan actions. Social services' own steps
        // (the protective assessment, the feedback to the reporter) are tasks too, but the
        // protective assessment has its own figures against its limit: counted here as well, a
        // late one was counted twice.
        var tasks = await Tasks(municipalityId).Where(t => t.OfferedAt >= from && t.OfferedAt < to).ToListAsync(cancellationToken);

        // Accepted and declined count the answers given, not the tasks' state now: closing a case
        // or withdrawing consent cancels accepted tasks too, and the acceptance still happened.
        var answers = await db.Set<AgencyTaskAnswer>().AsNoTracking()
            .Join(
                Tasks(municipalityId).Where(t => t.OfferedAt >= from && t.OfferedAt < to),
                a => a.TaskId,
                t => t.CorrelationId,
                (a, _) => a.Accepted)
            .ToListAsync(cancellationToken);
        // Overdue: the tasks whose deadline passed in the half-year (in the current one, up to now)
        // while they still waited for the agency, whatever happened to them later, so a closed
        // half-year's figure stays as it was: a task cancelled with its case after its deadline, or
        // answered late after the half-year ended, is overdue in the half-year its deadline passed.
        var due = await Tasks(municipalityId).Where(t => t.DueAt >= from && t.DueAt < overdueBy).ToListAsync(cancellationToken);
        var reviews = await db.Set<ReviewState>().AsNoTracking().Where(r => r.MunicipalityId == municipalityId && r.DueAt >= from && r.DueAt < to).ToListAsync(cancellationToken);
        // Rounds by the evening they take place, as visits by when they started and the yearly
        // promise by the round's date: a round planned in December for January is January's.
        var rounds = await db.Set<InspectionRound>().AsNoTracking().Where(r => r.MunicipalityId == municipalityId && r.StartsAt >= from && r.StartsAt < to).ToListAsync(cancellationToken);
        var visits = await db.Set<Visit>().AsNoTracking().Include(v => v.Entries).Where(v => v.MunicipalityId == municipalityId && v.StartedAt >= from && v.StartedAt < to).ToListAsync(cancellationToken);
        var sanctions = await db.Set<SupervisionCase>().AsNoTracking().Where(s => s.MunicipalityId == municipalityId && s.DecidedAt >= from && s.DecidedAt < to).ToListAsync(cancellationToken);

        var rows = new List<FollowUpRow>();
        void Add(string section, string measure, int value) => rows.Add(new FollowUpRow(section, measure, value));
        void AddTimes(string section, string unit, IEnumerable<double> taken)
        {
            var sorted = taken.Order().ToList();
            if (sorted.Count == 0)
            {
                return;
            }

            var middle = sorted.Count / 2;
            var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            Add(section, "Median" + unit, (int)Math.Round(median, MidpointRounding.AwayFromZero));
            Add(section, "Longest" + unit, (int)Math.Round(sorted[^1], MidpointRounding.AwayFromZero));
        }

        Add("Concerns", "Raised", concerns.Count);
        foreach (var kind in Enum.GetValues<AgencyKind>())
        {
            var count = concerns.Count(c => agencyKinds.TryGetValue(c.ReporterAgencyId, out var k) && k == kind);
            if (count > 0)
            {
                Add("ConcernsByAgency", kind.ToString(), count);
            }
        }

        foreach (var category in Enum.GetValues<ConcernCategory>())
        {
            Add("ConcernsByCategory", category.ToString(), concerns.Count(c => c.Categories.Contains(category)));
        }

        Add("ProtectiveAssessment", "OnTime", states.Count(s => s.ProtectiveAssessmentDoneAt <= s.ProtectiveAssessmentDue));
        Add("ProtectiveAssessment", "Late", states.Count(s => s.ProtectiveAssessmentDoneAt > s.ProtectiveAssessmentDue));
        Add("ProtectiveAssessment", "NotDone", states.Count(s => s.ProtectiveAssessmentDoneAt is null));
        Add("PreliminaryAssessment", "OnTime", states.Count(s => s.DecidedAt <= s.PreliminaryAssessmentDue));
        Add("PreliminaryAssessment", "Late", states.Count(s => s.DecidedAt > s.PreliminaryAssessmentDue));
        Add("PreliminaryAssessment", "NotDone", states.Count(s => s.DecidedAt is null));

        // How long they took, from the concern's arrival: the median and the longest, of those done.
        var raisedAt = concerns.ToDictionary(c => c.Id, c => c.RaisedAt);
        AddTimes("ProtectiveAssessment", "Hours", states.Where(s => s.ProtectiveAssessmentDoneAt is not null).Select(s => (s.ProtectiveAssessmentDoneAt!.Value - raisedAt[s.CorrelationId]).TotalHours));
        AddTimes("PreliminaryAssessment", "Days", states.Where(s => s.DecidedAt is not null).Select(s => (s.DecidedAt!.Value - raisedAt[s.CorrelationId]).TotalDays));

        Add("Tasks", "Offered", tasks.Count);
        Add("Tasks", "Accepted", answers.Count(accepted => accepted));
        Add("Tasks", "Declined", answers.Count(accepted => !accepted));
        Add("Tasks", "Overdue", due.Count(t => TaskFilter.StoppedWaitingAt(t) is not { } stopped || stopped > t.DueAt));

        Add("Reviews", "DoneOnTime", reviews.Count(r => r.CompletedAt <= r.DueAt));
        Add("Reviews", "DoneLate", reviews.Count(r => r.CompletedAt > r.DueAt));
        // Not done: due within the half-year (up to now in the current one) and never held; one
        // cancelled after it was due (its case closed) was not done all the same, one cancelled
        // before its date was never owed.
        Add("Reviews", "NotDone", reviews.Count(r => r.DueAt < overdueBy && r.CompletedAt is null && !(r.CancelledAt <= r.DueAt)));

        Add("Inspections", "RoundsPlanned", rounds.Count);
        // A round is done once a visit of it is recorded (the round's status Done, set by the first
        // visit), as the yearly promise counts it (GET /api/inspections/joint-rounds): a round the
        // police accepted whose evening passed without a visit did not take place. JointRounds are
        // the joint rounds done; JointRoundsPlanned every round planned with the police, whatever
        // became of it.
        Add("Inspections", "RoundsDone", rounds.Count(r => r.Status == RoundStatus.Done));
        Add("Inspections", "JointRoundsPlanned", rounds.Count(r => r.WithPolice));
        Add("Inspections", "JointRounds", rounds.Count(r => r.WithPolice && r.Status == RoundStatus.Done));
        Add("Inspections", "RoundsWithoutPolice", rounds.Count(r => !r.WithPolice && r.Status == RoundStatus.Done));
        Add("Inspections", "Visits", visits.Count);
        Add("Inspections", "Remarks", visits.Sum(v => v.Entries.Count(e => e.Result == ChecklistResult.Remark)));
        foreach (var kind in visits.SelectMany(v => v.Entries).Where(e => e.Result == ChecklistResult.Remark).GroupBy(e => e.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            Add("RemarksByKind", kind.Key, kind.Count());
        }
        foreach (var outcome in Enum.GetValues<VisitOutcome>())
        {
            Add("VisitOutcomes", outcome.ToString(), visits.Count(v => v.Outcome == outcome));
        }

        foreach (var sanction in Enum.GetValues<Sanction>())
        {
            Add("Sanctions", sanction.ToString(), sanctions.Count(s => s.Decision == sanction));
        }

        var months = Enumerable.Range(0, 6).Select(i => half.FromDate.AddMonths(i)).ToList();
        var monthly = months.Select(m => new FollowUpMonth(
            m,
            concerns.Count(c => Month(c.RaisedAt) == m),
            tasks.Count(t => Month(t.OfferedAt) == m),
            visits.Count(v => Month(v.StartedAt) == m))).ToList();
        return new FollowUpReport(municipalityId, half, rows, monthly);
    }

    private IQueryable<AgencyTaskState> Tasks(Guid municipalityId) =>
        db.Set<AgencyTaskState>().AsNoTracking()
            .Where(t => t.MunicipalityId == municipalityId && (t.Kind == AgencyTaskKind.JointWork || t.Kind == AgencyTaskKind.PlanAction));

    private static DateOnly Month(DateTimeOffset instant)
    {
        var local = Coordination.Host.WebUi.StockholmTime.ToStockholm(instant);
        return new DateOnly(local.Year, local.Month, 1);
    }
}
