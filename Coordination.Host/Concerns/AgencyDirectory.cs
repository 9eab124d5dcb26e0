using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Names of the agencies a user belongs to, the members of an agency its managers may give work to, and who holds work.</summary>
public sealed class AgencyDirectory(CoordinationDbContext db)
{
    /// <summary>Agency and municipality names of the user's own memberships, by agency id.</summary>
    public async Task<IReadOnlyDictionary<Guid, AgencyName>> OwnAgenciesAsync(CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var ids = viewer.Memberships.Select(m => m.AgencyId).Distinct().ToList();
        return await db.Agencies.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new AgencyName(a.Id, a.Name, a.MunicipalityId, a.Municipality!.Name))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    /// <summary>
    /// The members of an agency who work on cases (staff, managers, coordinators: administrators
    /// and auditors never read case content), for the agency's managers only (empty for anyone else).
    /// </summary>
    public async Task<IReadOnlyList<AgencyMember>> MembersAsync(Guid agencyId, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Manages(agencyId))
        {
            return [];
        }

        var members = await (from m in CaseMemberships(db, agencyId)
                                  join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                                  select new AgencyMember(m.UserId, u.DisplayName, m.Role))
            .ToListAsync(cancellationToken);
        return [.. members.OrderBy(m => m.DisplayName, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// The holders of shown work by name, each marked when they are no longer among the members
    /// work may be given to in that work's agency (a disabled account, or a membership ended), so
    /// that their work is shown as theirs, to be given to someone else, not as nobody's. The
    /// managers' dashboard and the task lists read owners through here.
    /// </summary>
    public async Task<WorkOwners> OwnersAsync(IEnumerable<(Guid AgencyId, Guid? UserId)> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var held = work.Where(w => w.UserId is not null).Select(w => (w.AgencyId, UserId: w.UserId!.Value)).Distinct().ToList();
        if (held.Count == 0)
        {
            return WorkOwners.None;
        }

        var agencies = held.Select(w => w.AgencyId).Distinct().ToList();
        var ids = held.Select(w => w.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var assignable = await CaseMemberships(db, agencies).Where(m => ids.Contains(m.UserId)).Select(m => new { m.AgencyId, m.UserId }).ToListAsync(cancellationToken);
        return new WorkOwners(names, assignable.Select(m => (m.AgencyId, m.UserId)).ToHashSet());
    }

    /// <summary>
    /// Per agency, the holders of its open tasks or pending reviews who may no longer be given
    /// work there (a disabled account, a membership ended), by name: the managers' dashboard
    /// offers to hand their work over before any of it is overdue, not only once it is. The
    /// holders of the <paramref name="shown"/> work are read with them (<see cref="OwnersAsync"/>,
    /// once for both), so that the page names every holder it shows from one reading.
    /// </summary>
    public async Task<(IReadOnlyDictionary<Guid, IReadOnlyList<WorkOwner>> Former, WorkOwners Owners)> FormerHoldersAsync(
        IReadOnlyCollection<Guid> agencyIds, IEnumerable<(Guid AgencyId, Guid? UserId)> shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agencyIds);
        ArgumentNullException.ThrowIfNull(shown);
        var tasks = await db.Open().Where(t => agencyIds.Contains(t.AgencyId) && t.OwnerUserId != null)
            .Select(t => new { t.AgencyId, t.OwnerUserId }).Distinct().ToListAsync(cancellationToken);
        var reviews = await PendingReviewsIn(db, agencyIds).Where(r => r.OwnerUserId != null)
            .Select(r => new { r.AgencyId, r.OwnerUserId }).Distinct().ToListAsync(cancellationToken);
        var held = tasks.Concat(reviews).Select(h => (h.AgencyId, h.OwnerUserId)).Distinct().ToList();
        var owners = await OwnersAsync(held.Concat(shown), cancellationToken);
        var former = held
            .Select(h => (h.AgencyId, Owner: owners.Of(h.AgencyId, h.OwnerUserId)))
            .Where(h => h.Owner is { Former: true })
            .GroupBy(h => h.AgencyId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WorkOwner>)[.. g.Select(h => h.Owner!).OrderBy(o => o.DisplayName, StringComparer.CurrentCulture)]);
        return (former, owners);
    }

    /// <summary>
    /// Whom the agencies' managers may narrow the task lists to: the members of the agencies the
    /// user manages who may be given work, and whoever else holds open tasks there (marked as
    /// former owners), by name. Empty for a user who manages no agency.
    /// </summary>
    public async Task<IReadOnlyList<WorkOwner>> OwnerChoicesAsync(CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var managed = viewer.ManagerMemberships().Select(m => m.AgencyId).Distinct().ToList();
        if (managed.Count == 0)
        {
            return [];
        }

        var members = (await CaseMemberships(db, managed).Select(m => m.UserId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var holders = await db.Open().Where(t => managed.Contains(t.AgencyId) && t.OwnerUserId != null).Select(t => t.OwnerUserId!.Value).Distinct().ToListAsync(cancellationToken);
        var ids = members.Union(holders).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. names.Select(u => new WorkOwner(u.Id, u.DisplayName, !members.Contains(u.Id))).OrderBy(o => o.DisplayName, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// Whether the user is someone whose work the agencies hold: a member of one of them (in any
    /// role, a disabled account too), or the holder of an open task or a pending review there
    /// (a membership ended). An owner filter or a hand-over naming anyone else is refused rather
    /// than answered with nothing, which would hide a mistyped id.
    /// </summary>
    public async Task<bool> HoldsWorkInAsync(IReadOnlyCollection<Guid> agencyIds, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agencyIds);
        return await db.Memberships.AnyAsync(m => m.UserId == userId && agencyIds.Contains(m.AgencyId), cancellationToken)
            || await db.Open().AnyAsync(t => t.OwnerUserId == userId && agencyIds.Contains(t.AgencyId), cancellationToken)
            || await PendingReviewsHeld(db, agencyIds, userId).AnyAsync(cancellationToken);
    }

    /// <summary>
    /// The pending reviews the user holds in any of the agencies: what <see cref="HoldsWorkInAsync"/>
    /// counts as their reviews and what <see cref="WorkHandover"/> hands over, one query so that a
    /// member the hand-over accepts is never one whose reviews it would not find, nor the reverse.
    /// </summary>
    public static IQueryable<ReviewState> PendingReviewsHeld(CoordinationDbContext db, IReadOnlyCollection<Guid> agencyIds, Guid userId) =>
        PendingReviewsIn(db, agencyIds).Where(r => r.OwnerUserId == userId);

    /// <summary>
    /// The pending reviews of the agencies, whoever holds them: what <see cref="FormerHoldersAsync"/>
    /// offers to hand over is what <see cref="PendingReviewsHeld"/> then finds.
    /// </summary>
    private static IQueryable<ReviewState> PendingReviewsIn(CoordinationDbContext db, IReadOnlyCollection<Guid> agencyIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agencyIds);
        return db.Set<ReviewState>().AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId) && ReviewState.PendingStates.Contains(r.CurrentState));
    }

    /// <summary>
    /// The agency's memberships that may be given a task or a review: the drop-down of
    /// <see cref="MembersAsync"/> and the check of every reassignment, so that no task goes to
    /// an administrator or auditor, who could neither see it nor act on it, nor to a disabled
    /// account (ADR 0020), which signs in to nothing.
    /// </summary>
    public static IQueryable<Membership> CaseMemberships(CoordinationDbContext db, Guid agencyId) => CaseMemberships(db, [agencyId]);

    /// <summary>The memberships that may be given work, as <see cref="CaseMemberships(CoordinationDbContext, Guid)"/>, in any of the agencies.</summary>
    public static IQueryable<Membership> CaseMemberships(CoordinationDbContext db, IReadOnlyCollection<Guid> agencyIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.AsNoTracking()
            .Where(m => agencyIds.Contains(m.AgencyId) && (m.Role == MembershipRole.Staff || m.Role == MembershipRole.Manager || m.Role == MembershipRole.Coordinator))
            .Where(m => db.Users.Any(u => u.Id == m.UserId && u.DisabledAt == null));
    }
}
