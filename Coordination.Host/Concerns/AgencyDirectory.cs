using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Names of the agencies a user belongs to, and the members of an agency its managers may give work to.</summary>
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
    /// The names of owners of work who are not among the members work may be given to (a disabled
    /// account, or a membership ended), so that their work is shown as theirs, not as nobody's.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    /// <summary>
    /// The agency's memberships that may be given a task or a review: the drop-down of
    /// <see cref="MembersAsync"/> and the check of every reassignment, so that no task goes to
    /// an administrator or auditor, who could neither see it nor act on it, nor to a disabled
    /// account (ADR 0020), which signs in to nothing.
    /// </summary>
    public static IQueryable<Membership> CaseMemberships(CoordinationDbContext db, Guid agencyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.AsNoTracking()
            .Where(m => m.AgencyId == agencyId && (m.Role == MembershipRole.Staff || m.Role == MembershipRole.Manager || m.Role == MembershipRole.Coordinator))
            .Where(m => db.Users.Any(u => u.Id == m.UserId && u.DisabledAt == null));
    }
}
