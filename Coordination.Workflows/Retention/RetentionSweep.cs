using System.Globalization;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Retention;

/// <summary>
/// Erases (gallrar) closed cases past their retention period: concerns and supervision cases,
/// each with a period of its own in <see cref="RetentionOptions"/>, and concerns that can never
/// close because their registration failed for good (<see cref="FailedRegistrations"/>), under
/// the closed concerns' period. Each case is erased in one
/// transaction together with the audit entry that records it: which case, which municipality,
/// how many rows of which kind, under which period. The audit log itself is never erased, and
/// its entries hold ids only, so the chain still verifies afterwards.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock)
{
    public const string Actor = "system:retention";

    /// <summary>Erases every case past retention; returns the ids erased.</summary>
    public async Task<IReadOnlyList<Guid>> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var erased = new List<Guid>();
        foreach (var kind in Kinds(settings, now, cancellationToken))
        {
            List<Owned> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await kind.Due(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>());
            }

            var basis = string.Create(CultureInfo.InvariantCulture, $"Retention: {kind.Described} are kept {kind.Period.TotalDays:0} days");
            foreach (var (id, municipalityId) in due)
            {
                if (await EraseAsync(kind, id, municipalityId, basis, cancellationToken))
                {
                    erased.Add(id);
                }
            }
        }

        return erased;
    }

    /// <summary>
    /// The kinds of case the sweep erases, each with its own period. <see cref="ErasableKind.Claim"/>
    /// deletes the case's own row (for a failed registration, its incidents) only if it is still
    /// due: deleting it takes the row's write lock,
    /// so a second sweep running at the same time (the nightly job and an operator's run) finds
    /// nothing to delete and records nothing, and a case reopened since the list was read is not
    /// erased.
    /// </summary>
    private static ErasableKind[] Kinds(RetentionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var concernCutoff = now - settings.ClosedConcerns;
        var supervisionCutoff = now - settings.ClosedSupervisionCases;
        return
        [
            new(
                "Concern", "closed concerns", settings.ClosedConcerns,
                db => db.Set<ConcernState>().AsNoTracking()
                    .Where(s => s.ClosedAt != null && s.ClosedAt <= concernCutoff)
                    .OrderBy(s => s.ClosedAt)
                    .Select(s => new Owned(s.CorrelationId, s.MunicipalityId))
                    .Take(settings.BatchSize).ToListAsync(cancellationToken),
                (db, id) => db.Set<ConcernState>().Where(s => s.CorrelationId == id && s.ClosedAt != null && s.ClosedAt <= concernCutoff).ExecuteDeleteAsync(cancellationToken),
                "states",
                (db, id) => EraseConcernAsync(db, id, cancellationToken)),
            new(
                "Concern", "concerns whose registration failed", settings.ClosedConcerns,
                db => FailedRegistrationsDueAsync(db, concernCutoff, settings.BatchSize, cancellationToken),
                (db, id) => FailedRegistrations.ClaimAsync(db, id, concernCutoff, cancellationToken),
                "incidents",
                (db, id) => EraseConcernAsync(db, id, cancellationToken)),
            new(
                "SupervisionCase", "closed supervision cases", settings.ClosedSupervisionCases,
                db => db.Set<SupervisionCase>().AsNoTracking()
                    .Where(c => c.ClosedAt != null && c.ClosedAt <= supervisionCutoff)
                    .OrderBy(c => c.ClosedAt)
                    .Select(c => new Owned(c.Id, c.MunicipalityId))
                    .Take(settings.BatchSize).ToListAsync(cancellationToken),
                (db, id) => db.Set<SupervisionCase>().Where(c => c.Id == id && c.ClosedAt != null && c.ClosedAt <= supervisionCutoff).ExecuteDeleteAsync(cancellationToken),
                "supervisionCases",
                (db, id) => EraseSupervisionCaseAsync(db, id, cancellationToken)),
        ];
    }

    /// <summary>
    /// Erases one case in one transaction with its audit entry. When another sweep claimed the
    /// case first, this one deletes nothing, rolls back and records nothing.
    /// </summary>
    private async Task<bool> EraseAsync(ErasableKind kind, Guid id, Guid municipalityId, string basis, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await kind.Claim(db, id);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var counts = await kind.Erase(db, id);
        counts[kind.ClaimedRows] = counts.GetValueOrDefault(kind.ClaimedRows) + claimed;
        trail.Record(new AuditRecord(
            AuditAction.RetentionErased, null, Actor, kind.SubjectType, id.ToString(), municipalityId, basis,
            string.Join(", ", counts.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")))));
        await trail.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The oldest concerns whose registration failed and that nobody has touched for the period.
    /// Concerns without a workflow state are few (a registration takes moments), so each is
    /// checked for its incidents by the concern's id in their bodies, as erasure finds them.
    /// </summary>
    private static async Task<List<Owned>> FailedRegistrationsDueAsync(CoordinationDbContext db, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var unregistered = await FailedRegistrations.Unregistered(db, cutoff)
            .OrderBy(c => c.RaisedAt)
            .Select(c => new Owned(c.Id, c.MunicipalityId))
            .ToListAsync(cancellationToken);
        var due = new List<Owned>();
        foreach (var concern in unregistered)
        {
            if (due.Count == batchSize)
            {
                break;
            }

            if (await FailedRegistrations.FailedAndLeftAsync(db, concern.Id, cutoff, cancellationToken))
            {
                due.Add(concern);
            }
        }

        return due;
    }

    /// <summary>
    /// A supervision case's own rows: its workflow state and journal, its tasks, and the venue
    /// history lines of its deliberations (kommunicering, reply, appeal). The decided sanction
    /// stays in the venue's history, which is the register the sanction ladder reads. Its replaced
    /// proposals with their replies went with the case's row, which the claim deleted (the
    /// database's cascade: <c>SupervisionRetentionTests</c>).
    /// </summary>
    private static async Task<Dictionary<string, int>> EraseSupervisionCaseAsync(CoordinationDbContext db, Guid id, CancellationToken cancellationToken) => new()
    {
        ["journal"] = await db.Set<WorkflowTransition>().Where(t => t.InstanceId == id).ExecuteDeleteAsync(cancellationToken),
        ["incidents"] = await EraseIncidentsAsync(db, [id], cancellationToken),
        ["states"] = await db.Set<SupervisionCaseState>().Where(s => s.CorrelationId == id).ExecuteDeleteAsync(cancellationToken),
        ["tasks"] = await db.Set<InspectionTask>().Where(t => t.SupervisionCaseId == id).ExecuteDeleteAsync(cancellationToken),
        ["history"] = await db.Set<VenueHistoryEntry>().Where(e => e.SupervisionCaseId == id && e.Kind != VenueHistoryKind.SanctionDecided).ExecuteDeleteAsync(cancellationToken),
    };

    private static async Task<Dictionary<string, int>> EraseConcernAsync(CoordinationDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var taskIds = await db.Set<AgencyTaskState>().Where(t => t.ConcernId == id).Select(t => t.CorrelationId).ToListAsync(cancellationToken);
        var reviewIds = await db.Set<ReviewState>().Where(r => r.ConcernId == id).Select(r => r.CorrelationId).ToListAsync(cancellationToken);
        var instances = taskIds.Concat(reviewIds).Append(id).ToList();
        return new Dictionary<string, int>
        {
            ["journal"] = await db.Set<WorkflowTransition>().Where(t => instances.Contains(t.InstanceId)).ExecuteDeleteAsync(cancellationToken),
            ["incidents"] = await EraseIncidentsAsync(db, instances, cancellationToken),
            ["answers"] = await db.Set<AgencyTaskAnswer>().Where(a => taskIds.Contains(a.TaskId)).ExecuteDeleteAsync(cancellationToken),
            ["tasks"] = await db.Set<AgencyTaskState>().Where(t => t.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["reviews"] = await db.Set<ReviewState>().Where(r => r.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["planActions"] = await db.Set<PlanAction>().Where(a => a.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["plans"] = await db.Set<CommitmentPlan>().Where(p => p.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["events"] = await db.Set<CaseEvent>().Where(e => e.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["legalBases"] = await db.Set<SharingBasis>().Where(b => b.ConcernId == id).ExecuteDeleteAsync(cancellationToken),
            ["concerns"] = await db.Set<Concern>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken),
        };
    }

    /// <summary>
    /// The incidents of a case's workflow instances, and those of its messages that failed before
    /// any instance held them (an HTTP request's message carries no instance, an offer whose task
    /// was never stored names none): their stored bodies name the case or the instance, and may
    /// hold its texts. Found by the instance, or by an id in the body.
    /// </summary>
    private static async Task<int> EraseIncidentsAsync(CoordinationDbContext db, IReadOnlyList<Guid> instances, CancellationToken cancellationToken)
    {
        var erased = await db.Set<Incident>().Where(i => i.InstanceId != null && instances.Contains(i.InstanceId.Value)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in instances)
        {
            var text = id.ToString("D");
            erased += await db.Set<Incident>().Where(i => i.Body.Contains(text)).ExecuteDeleteAsync(cancellationToken);
        }

        return erased;
    }

    /// <summary>A case due for erasure and the municipality its audit entry is filed under.</summary>
    private sealed record Owned(Guid Id, Guid MunicipalityId);

    /// <param name="SubjectType">The audit entry's subject type.</param>
    /// <param name="Described">How the audit entry's basis names these cases.</param>
    /// <param name="Period">How long they are kept after they closed, or after a failed registration was last touched.</param>
    /// <param name="Due">The cases past their period, oldest first, at most a batch.</param>
    /// <param name="Claim">Deletes the case's own row if it is still due; returns the rows deleted.</param>
    /// <param name="ClaimedRows">The name the claimed rows are counted under.</param>
    /// <param name="Erase">Deletes the rest of the case; returns the rows deleted per kind.</param>
    private sealed record ErasableKind(
        string SubjectType,
        string Described,
        TimeSpan Period,
        Func<CoordinationDbContext, Task<List<Owned>>> Due,
        Func<CoordinationDbContext, Guid, Task<int>> Claim,
        string ClaimedRows,
        Func<CoordinationDbContext, Guid, Task<Dictionary<string, int>>> Erase);
}
