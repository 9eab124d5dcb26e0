using System.Security.Claims;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Identity;

/// <summary>
/// Users and their memberships in the municipalities an administrator administers: names,
/// e-mail addresses, agencies and roles only, never case content. An administrator changes the
/// memberships of the agencies they administer (DOMAIN.md: each agency's administrator handles
/// its users), and never their own: otherwise an administrator, who may not read case content,
/// could give themselves a social services role. A change renews the user's security stamp, so
/// it takes effect at the user's next request: their cookies and tokens are refused from then on
/// (<see cref="SecurityStampCheck"/>) and they sign in again with the memberships they now hold.
/// An administrator also ends the lockout
/// of such a user (five failed sign-ins lock an account for 15 minutes), so that a colleague who
/// mistyped is not kept out of urgent work. Every change is audited in its own transaction.
/// </summary>
internal sealed class MembershipAdministration(CoordinationDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The municipalities in which the user holds an administrator membership.</summary>
    public static IReadOnlyList<Guid> Administered(ClaimsPrincipal user) =>
        MembershipClaim.From(user).Where(m => m.Role == MembershipRole.Administrator).Select(m => m.MunicipalityId).Distinct().ToList();

    /// <summary>
    /// Why <paramref name="admin"/> may not change <paramref name="userId"/>'s membership of
    /// <paramref name="agencyId"/>, or null if they may: never their own, and only in an agency
    /// in which they are an administrator.
    /// </summary>
    private static MembershipRemoval? Refusal(ClaimsPrincipal admin, Guid userId, Guid agencyId) =>
        userId.ToString() == admin.FindFirstValue(ClaimTypes.NameIdentifier) ? MembershipRemoval.OwnMembership
        : !MembershipClaim.From(admin).Any(m => m.Role == MembershipRole.Administrator && m.AgencyId == agencyId) ? MembershipRemoval.OtherAgency
        : null;

    public async Task<IReadOnlyList<UserMemberships>> ListAsync(ClaimsPrincipal admin, Guid municipalityId, CancellationToken cancellationToken = default)
    {
        if (!Administered(admin).Contains(municipalityId))
        {
            return [];
        }

        var rows = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.Agency!.MunicipalityId == municipalityId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.UserId, u.DisplayName, u.Email, u.LockoutEnd, m.AgencyId, m.Agency!.Kind, m.Role })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows
            .GroupBy(r => (r.UserId, r.DisplayName, r.Email, r.LockoutEnd))
            .Select(g => new UserMemberships(
                g.Key.UserId,
                g.Key.DisplayName,
                g.Key.Email ?? "",
                g.OrderBy(r => r.Kind).ThenBy(r => r.Role).Select(r => new MembershipEntry(r.Id, r.AgencyId, r.Kind, r.Role, Refusal(admin, r.UserId, r.AgencyId) is null)).ToList(),
                g.Key.LockoutEnd > now ? g.Key.LockoutEnd : null))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The agencies of a municipality the user administers, by kind; none of any other.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> AgenciesAsync(ClaimsPrincipal admin, Guid municipalityId, CancellationToken cancellationToken = default) =>
        Administered(admin).Contains(municipalityId)
            ? await db.Set<Agency>().AsNoTracking().Where(a => a.MunicipalityId == municipalityId).OrderBy(a => a.Kind).Select(a => new AgencyChoice(a.Id, a.Kind)).ToListAsync(cancellationToken)
            : [];

    /// <summary>Gives a user (by e-mail) a role in one of the municipality's agencies; errors keyed by field.</summary>
    public async Task<Dictionary<string, string>> AddAsync(
        ClaimsPrincipal admin, Guid municipalityId, string? email, AgencyKind? agency, MembershipRole? role, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Administered(admin).Contains(municipalityId))
        {
            errors["municipalityId"] = "You administer no such municipality.";
            return errors;
        }

        var normalized = email?.Trim().ToUpperInvariant();
        var user = string.IsNullOrEmpty(normalized) ? null : await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            errors["email"] = "No user has this e-mail address.";
        }

        if (agency is null)
        {
            errors["agencyKind"] = "Choose an agency.";
        }

        if (role is null)
        {
            errors["role"] = "Choose a role.";
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var agencyId = await db.Set<Agency>().Where(a => a.MunicipalityId == municipalityId && a.Kind == agency).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (agencyId == Guid.Empty)
        {
            errors["agencyKind"] = "The municipality has no such agency.";
            return errors;
        }

        switch (Refusal(admin, user!.Id, agencyId))
        {
            case MembershipRemoval.OwnMembership:
                errors["email"] = "Your own memberships are changed by another administrator.";
                return errors;
            case MembershipRemoval.OtherAgency:
                errors["agencyKind"] = "You administer the users of your own agency only.";
                return errors;
        }

        if (await db.Set<Membership>().AnyAsync(m => m.UserId == user!.Id && m.AgencyId == agencyId && m.Role == role, cancellationToken))
        {
            errors["role"] = "The user already has this role in this agency.";
            return errors;
        }

        var membership = new Membership { Id = Guid.NewGuid(), UserId = user!.Id, AgencyId = agencyId, Role = role!.Value };
        db.Add(membership);
        RenewSecurityStamp(user);
        audit.Record(admin.Audit(AuditAction.UserChanged, "Membership", membership.Id, municipalityId, "Administrator of the municipality", $"added {role} in {agency} ({agencyId}) for {user.Email}"));
        await audit.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Removes a membership of an agency the user administers; an administrator cannot remove their own memberships.</summary>
    public async Task<MembershipRemoval> RemoveAsync(ClaimsPrincipal admin, Guid membershipId, CancellationToken cancellationToken = default)
    {
        var membership = await db.Set<Membership>().Include(m => m.Agency).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null || !Administered(admin).Contains(membership.Agency!.MunicipalityId))
        {
            return MembershipRemoval.NotFound;
        }

        if (Refusal(admin, membership.UserId, membership.AgencyId) is { } refusal)
        {
            return refusal;
        }

        // Overdue tasks escalate to the agency's managers: without one, nobody would see them.
        if (membership.Role == MembershipRole.Manager
            && !await db.Set<Membership>().AnyAsync(m => m.AgencyId == membership.AgencyId && m.Role == MembershipRole.Manager && m.Id != membership.Id, cancellationToken))
        {
            return MembershipRemoval.LastManager;
        }

        db.Remove(membership);
        RenewSecurityStamp(await db.Users.FirstAsync(u => u.Id == membership.UserId, cancellationToken));
        audit.Record(admin.Audit(AuditAction.UserChanged, "Membership", membership.Id, membership.Agency.MunicipalityId, "Administrator of the municipality", $"removed {membership.Role} in agency {membership.AgencyId} of user {membership.UserId}"));
        await audit.SaveChangesAsync(cancellationToken);
        return MembershipRemoval.Removed;
    }

    /// <summary>
    /// As UserManager renews a stamp, in the same transaction as the change and its audit entry:
    /// the memberships in the user's cookies and tokens are no longer theirs.
    /// </summary>
    private static void RenewSecurityStamp(CoordinationUser user)
    {
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    /// <summary>
    /// Ends the lockout of a user who holds a membership in an agency of
    /// <paramref name="municipalityId"/> that the administrator administers; never their own.
    /// </summary>
    public async Task<AccountUnlock> UnlockAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, CancellationToken cancellationToken = default)
    {
        var agencies = Administered(admin).Contains(municipalityId)
            ? await db.Set<Membership>().Where(m => m.UserId == userId && m.Agency!.MunicipalityId == municipalityId).Select(m => m.AgencyId).ToListAsync(cancellationToken)
            : [];
        if (agencies.Count == 0)
        {
            return AccountUnlock.NotFound;
        }

        var refusals = agencies.Select(a => Refusal(admin, userId, a)).ToList();
        if (refusals.Contains(MembershipRemoval.OwnMembership))
        {
            return AccountUnlock.OwnAccount;
        }

        if (!refusals.Contains(null))
        {
            return AccountUnlock.OtherAgency;
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        if (!(user.LockoutEnd > clock.GetUtcNow()))
        {
            return AccountUnlock.NotLocked;
        }

        // As UserManager ends a lockout: no end, no failures counted, a new concurrency stamp.
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(admin.Audit(AuditAction.AccountUnlocked, "User", userId, municipalityId, "Administrator of the municipality", $"lockout ended for {user.Email}"));
        await audit.SaveChangesAsync(cancellationToken);
        return AccountUnlock.Unlocked;
    }
}

/// <summary>
/// A user with their memberships in one municipality, and, when their account is locked, until when.
/// </summary>
public sealed record UserMemberships(Guid UserId, string DisplayName, string Email, IReadOnlyList<MembershipEntry> Memberships, DateTimeOffset? LockedUntil)
{
    /// <summary>
    /// Whether the administrator who listed the user may end a lockout: as for memberships, one
    /// in an agency they administer (and so never their own account).
    /// </summary>
    public bool Unlockable => Memberships.Any(m => m.Removable);
}

/// <summary>One membership: the agency and the role, and whether the administrator who listed it may remove it.</summary>
public sealed record MembershipEntry(Guid Id, Guid AgencyId, AgencyKind Agency, MembershipRole Role, bool Removable);

/// <summary>One of the municipality's agencies, as the users page offers it to filter by.</summary>
public sealed record AgencyChoice(Guid Id, AgencyKind Kind);

/// <summary>What ending a lockout came to.</summary>
public enum AccountUnlock
{
    Unlocked = 1,
    NotFound = 2,
    OwnAccount = 3,
    OtherAgency = 4,
    NotLocked = 5,
}

/// <summary>What removing a membership came to.</summary>
public enum MembershipRemoval
{
    Removed = 1,
    NotFound = 2,
    /// <summary>The administrator's own membership: another administrator changes it.</summary>
    OwnMembership = 3,

    /// <summary>A membership of another agency of the municipality: its own administrator changes it.</summary>
    OtherAgency = 4,

    /// <summary>The agency's last manager: overdue work escalates to its managers, so another is given the role first.</summary>
    LastManager = 5,
}
