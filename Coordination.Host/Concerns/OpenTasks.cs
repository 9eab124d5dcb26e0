using Coordination.Contracts.Concerns;
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

    public static Task<AgencyTaskState?> OpenTaskAsync(this CoordinationDbContext db, Guid concernId, AgencyTaskKind kind, CancellationToken cancellationToken) =>
        db.Open().FirstOrDefaultAsync(t => t.ConcernId == concernId && t.Kind == kind, cancellationToken);
}
