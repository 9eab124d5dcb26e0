using Coordination.Host.Security.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// The open agency tasks a user sees: their own, and the queues of the agencies they work in,
/// soonest deadline first and narrowed by a <see cref="TaskFilter"/>. Another agency's task is
/// listed only while a basis allowing sharing now names the agency (<see cref="OpenTasks.StillSharedAsync"/>).
/// The one read path of the task list for both the API and the web UI; each task listed is one
/// audited read (<see cref="TaskReadAudit"/>), as each row of the list of concerns is.
/// </summary>
public sealed class TaskQueries(CoordinationDbContext db, TimeProvider clock, TaskReadAudit audit)
{
    /// <summary>The user's own open tasks in the agencies they work in, narrowed by <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<AgencyTaskState>> MineAsync(CaseViewer viewer, TaskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var agencies = viewer.AllCaseAgencies();
        var tasks = await filter.Narrow(db.Open().Where(t => t.OwnerUserId == viewer.UserId && agencies.Contains(t.AgencyId))).ToListAsync(cancellationToken);
        return await ListedAsync(viewer, "mine", tasks, filter, cancellationToken);
    }

    /// <summary>The open tasks of the agencies the user works in, narrowed by <paramref name="filter"/>; refused for an agency they do not work in.</summary>
    public async Task<Answer<IReadOnlyList<AgencyTaskState>>> QueueAsync(CaseViewer viewer, TaskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.AgencyId is { } requested && !viewer.WorksIn(requested))
        {
            return Refusal.Forbidden("You see the queues of the agencies you work in.");
        }

        var agencies = viewer.AllCaseAgencies();
        var tasks = await filter.Narrow(db.Open().Where(t => agencies.Contains(t.AgencyId))).ToListAsync(cancellationToken);
        return Answers.Of(await ListedAsync(viewer, "queue", tasks, filter, cancellationToken));
    }

    /// <summary>The tasks the agency may still see, sorted, each recorded as read under the basis that shares its concern now.</summary>
    private async Task<IReadOnlyList<AgencyTaskState>> ListedAsync(CaseViewer viewer, string list, List<AgencyTaskState> tasks, TaskFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (shared, bases) = await db.StillSharedWithBasesAsync(tasks, now, cancellationToken);
        var listed = filter.Sorted(shared);
        await audit.ListedAsync(viewer, list, listed, bases, now, cancellationToken);
        return listed;
    }
}
