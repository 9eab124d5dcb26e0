using System.Globalization;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Retention;

/// <summary>
/// Erases (gallrar) closed cases past their retention period. Each case is erased in one
/// transaction together with the audit entry that records it: which case, which municipality,
/// how many rows of which kind, under which period. The audit log itself is never erased, and
/// its entries hold ids only, so the chain still verifies afterwards.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock)
{
    public const string Actor = "system:retention";

    /// <summary>Erases every closed concern past retention; returns the ids erased.</summary>
    public async Task<IReadOnlyList<Guid>> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = clock.GetUtcNow() - settings.ClosedConcerns;
        List<(Guid Id, Guid MunicipalityId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            due = (await db.Set<ConcernState>().AsNoTracking()
                    .Where(s => s.ClosedAt != null && s.ClosedAt <= cutoff)
                    .OrderBy(s => s.ClosedAt)
                    .Select(s => new { s.CorrelationId, s.MunicipalityId })
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken))
                .Select(s => (s.CorrelationId, s.MunicipalityId))
                .ToList();
        }

        var erased = new List<Guid>();
        foreach (var (id, municipalityId) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Claim the case first: deleting its state row takes the row's write lock, so a
            // second sweep running at the same time (the nightly job and an operator's run)
            // finds nothing to delete and records nothing. The condition is re-checked, so a
            // case reopened since the list was read is not erased.
            var claimed = await db.Set<ConcernState>()
                .Where(s => s.CorrelationId == id && s.ClosedAt != null && s.ClosedAt <= cutoff)
                .ExecuteDeleteAsync(cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            var counts = await EraseConcernAsync(db, id, cancellationToken);
            counts["states"] = claimed;
            trail.Record(new AuditRecord(
                AuditAction.RetentionErased, null, Actor, "Concern", id.ToString(), municipalityId,
                string.Create(CultureInfo.InvariantCulture, $"Retention: closed concerns are kept {settings.ClosedConcerns.TotalDays:0} days"),
                string.Join(", ", counts.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")))));
            await trail.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            erased.Add(id);
        }

        return erased;
    }

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
