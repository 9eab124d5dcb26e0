using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Queries over agency tasks that are still open.</summary>
internal static class OpenTasks
{
    public static readonly string[] States = ["Offered", "Claimed", "Accepted"];

    public static IQueryable<AgencyTaskState> Open(this CoordinationDbContext db) =>
        db.Set<AgencyTaskState>().AsNoTracking().Where(t => States.Contains(t.CurrentState));

    /// <summary>
    /// The <paramref name="tasks"/> their agency may still see at <paramref name="at"/>: a task
    /// that ends with sharing only while a basis allowing sharing then names its agency
    /// (<see cref="ConcernAccess.SharesWithAt"/>, the check <see cref="TaskCommands"/> makes before
    /// every action). Ending the sharing cancels such a task a message later; until then (the
    /// message held back while the broker or the scheduler is down) the task, its title (a plan
    /// action's text) and its concern's id are listed nowhere. One query reads the bases of all
    /// the tasks' concerns; the agencies a basis names are a list, so the check runs in memory.
    /// </summary>
    public static async Task<List<AgencyTaskState>> StillSharedAsync(
        this CoordinationDbContext db, IReadOnlyCollection<AgencyTaskState> tasks, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await db.StillSharedWithBasesAsync(tasks, at, cancellationToken)).Tasks;

    /// <summary><see cref="StillSharedAsync"/>, with the bases not withdrawn of the concerns of the tasks that end with sharing, by concern.</summary>
    public static async Task<(List<AgencyTaskState> Tasks, ILookup<Guid, SharingBasis> Bases)> StillSharedWithBasesAsync(
        this CoordinationDbContext db, IReadOnlyCollection<AgencyTaskState> tasks, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var concernIds = tasks.Where(t => t.EndsWithSharing).Select(t => t.ConcernId).Distinct().ToList();
        if (concernIds.Count == 0)
        {
            return ([.. tasks], Array.Empty<SharingBasis>().ToLookup(b => b.ConcernId));
        }

        var bases = (await db.Set<SharingBasis>().AsNoTracking()
                .Where(b => concernIds.Contains(b.ConcernId) && b.WithdrawnAt == null)
                .ToListAsync(cancellationToken))
            .ToLookup(b => b.ConcernId);
        return ([.. tasks.Where(t => !t.EndsWithSharing || ConcernAccess.SharesWithAt(bases[t.ConcernId], t.AgencyId, at))], bases);
    }

    public static Task<AgencyTaskState?> OpenTaskAsync(this CoordinationDbContext db, Guid concernId, AgencyTaskKind kind, CancellationToken cancellationToken) =>
        db.Open().FirstOrDefaultAsync(t => t.ConcernId == concernId && t.Kind == kind, cancellationToken);
}
