using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Takes and renews <see cref="RuntimeLease"/> rows with one conditional UPDATE, which every
/// provider runs atomically: of two hosts racing for an expired lease, one updates the row.
/// </summary>
internal static class RuntimeLeases
{
    public static async Task<bool> TryAcquireAsync(
        CoordinationDbContext db, string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expiresAt = now + duration;
        var leases = db.Set<RuntimeLease>();
        var taken = await leases
            .Where(l => l.Name == name && (l.Owner == owner || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        leases.Add(new RuntimeLease { Name = name, Owner = owner, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another host created the lease first and holds it.
            return false;
        }
    }

    /// <summary>Lets another host take the lease at once instead of waiting for it to expire.</summary>
    public static Task ReleaseAsync(CoordinationDbContext db, string name, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<RuntimeLease>()
            .Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, (string?)null).SetProperty(l => l.ExpiresAt, now), cancellationToken);
}
