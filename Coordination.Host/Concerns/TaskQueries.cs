using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// The open agency tasks a user sees: their own, and the queues of the agencies they work in,
/// soonest deadline first and narrowed by a <see cref="TaskFilter"/>. Another agency's task is
/// listed only while a basis allowing sharing now names the agency (<see cref="OpenTasks.StillSharedAsync"/>).
/// The one read path of the task list for both the API and the web UI.
/// </summary>
public sealed class TaskQueries(CoordinationDbContext db, TimeProvider clock)
{
    /// <summary>The user's own open tasks in the agencies they work in, narrowed by <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<AgencyTaskState>> MineAsync(CaseViewer viewer, TaskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var agencies = viewer.AllCaseAgencies();
        var tasks = await filter.Narrow(db.Open().Where(t => t.OwnerUserId == viewer.UserId && agencies.Contains(t.AgencyId))).ToListAsync(cancellationToken);
        return filter.Sorted(await db.StillSharedAsync(tasks, clock.GetUtcNow(), cancellationToken));
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
        return Answers.Of(filter.Sorted(await db.StillSharedAsync(tasks, clock.GetUtcNow(), cancellationToken)));
    }
}
