using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns;

/// <summary>
/// Whether a concern is closed, as the close request itself recorded it (<see cref="Concern.ClosedAt"/>,
/// with every basis withdrawn, in the transaction that publishes <c>ConcernClosed</c>); the
/// concern's state learns it only when it consumes that message. A review or task whose first
/// message is consumed after the close's (which found nothing of it to end) asks here, and is
/// born cancelled instead of waiting for nobody.
/// </summary>
public static class ConcernClosure
{
    /// <summary>
    /// Why a task offered to <paramref name="agencyId"/> must not start, or null: the concern is
    /// closed (<see cref="IsClosedAsync"/>), or the task ends with sharing and no basis in force
    /// shares the concern with the agency any more (a withdrawal consumed before the offer found
    /// no task to cancel). Asked after taking the concern's row, which withdrawals write too.
    /// </summary>
    public static async Task<string?> WhyNotToStartAsync(this CoordinationDbContext db, Guid concernId, Guid agencyId, bool endsWithSharing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.IsClosedAsync(concernId, cancellationToken))
        {
            return "The concern was closed.";
        }

        if (!endsWithSharing)
        {
            return null;
        }

        var inForce = await db.Set<SharingBasis>().AsNoTracking().Where(b => b.ConcernId == concernId && b.WithdrawnAt == null).ToListAsync(cancellationToken);
        return ConcernAccess.SharedAgencies(inForce).Contains(agencyId) ? null : "Consent was withdrawn: the concern is no longer shared with the agency.";
    }

    /// <summary>
    /// Whether the concern is closed, asked inside the consume's transaction after taking the
    /// concern's row, which the close request writes (<see cref="Concern.ClosedAt"/>): either
    /// the close committed first and is seen here, or it waits for this transaction, and its
    /// <c>ConcernClosed</c> then finds what this one creates. On SQLite the row write takes the
    /// database's one write lock, to the same effect.
    /// </summary>
    public static async Task<bool> IsClosedAsync(this CoordinationDbContext db, Guid concernId, CancellationToken cancellationToken)
    {
        await db.TakeConcernRowAsync(concernId, cancellationToken);
        return await db.Set<Concern>().AnyAsync(c => c.Id == concernId && c.ClosedAt != null, cancellationToken);
    }

    /// <summary>
    /// Takes the concern's row until the current transaction ends (a write that changes nothing):
    /// a task's offer and a request recording a step the task waits for each take it first, so
    /// one of them sees what the other committed.
    /// </summary>
    public static Task TakeConcernRowAsync(this CoordinationDbContext db, Guid concernId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<Concern>().Where(c => c.Id == concernId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version), cancellationToken);
    }
}
