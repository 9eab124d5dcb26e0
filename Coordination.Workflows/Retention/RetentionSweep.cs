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
/// each with a period of its own in <see cref="RetentionOptions"/>. Each case is erased in one
/// transaction together with the audit entry that records it: which case, which municipality,
/// how many rows of which kind, under which period. The audit log itself is never erased, and
/// its entries hold ids only, so the chain still verifies afterwards.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock)
{
    public const string Actor = "system:retention";

    /// <summary>Erases every closed case past retention; returns the ids erased.</summary>
    public async Task<IReadOnlyList<Guid>> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var concernCutoff = now - settings.ClosedConcerns;
        var supervisionCutoff = now - settings.ClosedSupervisionCases;
        List<(Guid Id, Guid MunicipalityId)> concerns;
        List<(Guid Id, Guid MunicipalityId)> supervisionCases;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            concerns = (await db.Set<ConcernState>().AsNoTracking()
                    .Where(s => s.ClosedAt != null && s.ClosedAt <= concernCutoff)
                    .OrderBy(s => s.ClosedAt)
                    .Select(s => new { s.CorrelationId, s.MunicipalityId })
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken))
                .ConvertAll(s => (s.CorrelationId, s.MunicipalityId));
            supervisionCases = (await db.Set<SupervisionCase>().AsNoTracking()
                    .Where(c => c.ClosedAt != null && c.ClosedAt <= supervisionCutoff)
                    .OrderBy(c => c.ClosedAt)
                    .Select(c => new { c.Id, c.MunicipalityId })
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken))
                .ConvertAll(c => (c.Id, c.MunicipalityId));
        }

        var erased = new List<Guid>();
        var concernBasis = string.Create(CultureInfo.InvariantCulture, $"Retention: closed concerns are kept {settings.ClosedConcerns.TotalDays:0} days");
        foreach (var (id, municipalityId) in concerns)
        {
            // Claiming the case first: deleting its state row takes the row's write lock, so a
            // second sweep running at the same time (the nightly job and an operator's run)
            // finds nothing to delete and records nothing. The condition is re-checked, so a
            // case reopened since the list was read is not erased.
            if (await EraseAsync(
                    "Concern", id, municipalityId, concernBasis,
                    db => db.Set<ConcernState>().Where(s => s.CorrelationId == id && s.ClosedAt != null && s.ClosedAt <= concernCutoff).ExecuteDeleteAsync(cancellationToken),
                    "states",
                    db => EraseConcernAsync(db, id, cancellationToken),
                    cancellationToken))
            {
                erased.Add(id);
            }
        }

        var supervisionBasis = string.Create(CultureInfo.InvariantCulture, $"Retention: closed supervision cases are kept {settings.ClosedSupervisionCases.TotalDays:0} days");
        foreach (var (id, municipalityId) in supervisionCases)
        {
            if (await EraseAsync(
                    "SupervisionCase", id, municipalityId, supervisionBasis,
                    db => db.Set<SupervisionCase>().Where(c => c.Id == id && c.ClosedAt != null && c.ClosedAt <= supervisionCutoff).ExecuteDeleteAsync(cancellationToken),
                    "supervisionCases",
                    db => EraseSupervisionCaseAsync(db, id, cancellationToken),
                    cancellationToken))
            {
                erased.Add(id);
            }
        }

        return erased;
    }

    /// <summary>
    /// Erases one case in one transaction with its audit entry. <paramref name="claim"/> deletes
    /// the case's own row if it is still due; when another sweep got there first it deletes
    /// nothing, and this sweep rolls back and records nothing.
    /// </summary>
    private async Task<bool> EraseAsync(
        string subjectType, Guid id, Guid municipalityId, string basis,
        Func<CoordinationDbContext, Task<int>> claim, string claimedKind,
        Func<CoordinationDbContext, Task<Dictionary<string, int>>> erase,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await claim(db);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var counts = await erase(db);
        counts[claimedKind] = claimed;
        trail.Record(new AuditRecord(
            AuditAction.RetentionErased, null, Actor, subjectType, id.ToString(), municipalityId, basis,
            string.Join(", ", counts.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")))));
        await trail.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A supervision case's own rows: its workflow state and journal, its tasks, and the venue
    /// history lines of its deliberations (kommunicering, reply, appeal). The decided sanction
    /// stays in the venue's history, which is the register the sanction ladder reads.
    /// </summary>
    private static async Task<Dictionary<string, int>> EraseSupervisionCaseAsync(CoordinationDbContext db, Guid id, CancellationToken cancellationToken) => new()
    {
        ["journal"] = await db.Set<WorkflowTransition>().Where(t => t.InstanceId == id).ExecuteDeleteAsync(cancellationToken),
        ["incidents"] = await db.Set<Incident>().Where(i => i.InstanceId == id).ExecuteDeleteAsync(cancellationToken),
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
            ["incidents"] = await db.Set<Incident>().Where(i => i.InstanceId != null && instances.Contains(i.InstanceId.Value)).ExecuteDeleteAsync(cancellationToken),
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
}
