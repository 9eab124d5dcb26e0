using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Audit;

/// <summary>
/// Appends to the audit log in the same transaction as the change it records. A request
/// records what it did and calls <see cref="SaveChangesAsync"/> instead of the context's own:
/// the change and its entries commit together or not at all.
/// </summary>
/// <remarks>
/// Appends are serialised so the chain never forks: on PostgreSQL a transaction-scoped advisory
/// lock is taken before the tail is read (several hosts may append at once); on SQLite the
/// transaction starts with <c>BEGIN IMMEDIATE</c>, which holds the database's write lock from
/// the start. The primary key on the sequence turns any remaining race into a failed commit,
/// never into two entries with the same predecessor.
/// </remarks>
public sealed class AuditTrail(CoordinationDbContext db, TimeProvider clock)
{
    /// <summary>The advisory-lock key that serialises appends on PostgreSQL ("audit" in ASCII).</summary>
    private const long PostgresLockKey = 0x6175646974;

    private readonly List<AuditRecord> pending = [];

    /// <summary>Keeps <paramref name="record"/> for the next <see cref="SaveChangesAsync"/>.</summary>
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        pending.Add(record);
    }

    /// <summary>Saves the context's changes and the recorded entries in one transaction.</summary>
    public async Task<int> SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return await db.SaveChangesAsync(cancellationToken);
        }

        if (db.Database.CurrentTransaction is not null)
        {
            await AppendPendingAsync(cancellationToken);
            return await db.SaveChangesAsync(cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendPendingAsync(cancellationToken);
        var saved = await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Adds the recorded entries to the context inside the caller's open transaction, for a caller
    /// that saves the context itself (a workflow, whose saga repository saves and commits).
    /// </summary>
    public Task AddToTransactionAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are added inside the transaction of the change they record.");
        }

        return AppendPendingAsync(cancellationToken);
    }

    private async Task AppendPendingAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        var tail = await db.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditChain.Genesis;
        var at = AuditChain.Truncate(clock.GetUtcNow());
        foreach (var record in pending)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = at,
                ActorUserId = record.ActorUserId,
                Actor = Cut(record.Actor, AuditRecord.MaxActorLength),
                Action = record.Action,
                SubjectType = Cut(record.SubjectType, 60),
                SubjectId = Cut(record.SubjectId, 100),
                MunicipalityId = record.MunicipalityId,
                Basis = Cut(record.Basis, AuditRecord.MaxBasisLength),
                Detail = Cut(record.Detail, AuditRecord.MaxDetailLength),
                PreviousHash = previous,
            };
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
            db.Add(entry);
        }

        pending.Clear();
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
