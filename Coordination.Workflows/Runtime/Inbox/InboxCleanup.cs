using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime.Inbox;

/// <summary>
/// Removes inbox entries, and delivered or set-aside outbox rows, older than
/// <see cref="RuntimeOptions.InboxRetention"/> (a set-aside row's incident keeps its message). A
/// delivered row's age counts from when it was written, not from its last delivery: on the
/// in-memory transport every start delivers it again (<see cref="OutboxRelay"/>), and a row kept
/// past its consumer's inbox entry would be consumed a second time by the next start.
/// </summary>
public sealed class InboxCleanup(CoordinationDbContext db, TimeProvider clock, IOptions<RuntimeOptions> options)
{
    /// <returns>The number of inbox entries removed.</returns>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.InboxRetention;
        var removed = await db.Set<InboxState>().Where(i => i.ConsumedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Set<OutboxMessage>().Where(m => (m.DeliveredAt != null && m.CreatedAt < cutoff) || m.SetAsideAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
