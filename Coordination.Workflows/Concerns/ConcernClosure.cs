using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns;

/// <summary>
/// Whether a concern is closed, as the close request itself recorded it. The request writes its
/// chronology entry (<see cref="ChronologyKind"/>) and withdraws every basis in the transaction
/// that publishes <c>ConcernClosed</c>; the concern's state learns it only when it consumes that
/// message. A review or task whose first message is consumed after the close's (which found
/// nothing of it to end) asks here, and is born cancelled instead of waiting for nobody.
/// </summary>
public static class ConcernClosure
{
    /// <summary>The kind of the chronology entry the close request writes.</summary>
    public const string ChronologyKind = "ConcernClosed";

    /// <summary>When the close request recorded the close, or null: a plain read, for requests.</summary>
    public static Task<DateTimeOffset?> ClosedAtAsync(this CoordinationDbContext db, Guid concernId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<CaseEvent>().Where(e => e.ConcernId == concernId && e.Kind == ChronologyKind).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the concern is closed, asked inside the consume's transaction after taking the
    /// concern's row, which the close request writes too (<see cref="Concern.Version"/>): either
    /// the close committed first and is seen here, or it waits for this transaction, and its
    /// <c>ConcernClosed</c> then finds what this one creates. On SQLite the row write takes the
    /// database's one write lock, to the same effect.
    /// </summary>
    public static async Task<bool> IsClosedAsync(this CoordinationDbContext db, Guid concernId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Set<Concern>().Where(c => c.Id == concernId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version), cancellationToken);
        return await db.Set<CaseEvent>().AnyAsync(e => e.ConcernId == concernId && e.Kind == ChronologyKind, cancellationToken);
    }
}
