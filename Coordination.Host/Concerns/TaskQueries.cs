using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// The open agency tasks a user sees: their own, and the queues of the agencies they work in.
/// The one read path of the task list for both the API and the web UI.
/// </summary>
public sealed class TaskQueries(CoordinationDbContext db)
{
    public async Task<IReadOnlyList<AgencyTaskState>> MineAsync(CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var agencies = viewer.AllCaseAgencies();
        var tasks = await db.Open().Where(t => t.OwnerUserId == viewer.UserId && agencies.Contains(t.AgencyId)).ToListAsync(cancellationToken);
        return [.. tasks.OrderBy(t => t.DueAt)];
    }

    /// <summary>The open tasks of one agency the user works in, or of all of them.</summary>
    public async Task<Answer<IReadOnlyList<AgencyTaskState>>> QueueAsync(CaseViewer viewer, Guid? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (agencyId is { } requested && !viewer.WorksIn(requested))
        {
            return Refusal.Forbidden("You see the queues of the agencies you work in.");
        }

        var agencies = agencyId is { } one ? [one] : viewer.AllCaseAgencies();
        var tasks = await db.Open().Where(t => agencies.Contains(t.AgencyId)).ToListAsync(cancellationToken);
        return Answers.Of<IReadOnlyList<AgencyTaskState>>([.. tasks.OrderBy(t => t.DueAt)]);
    }
}
