using System.Linq.Expressions;
using System.Security.Claims;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
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
/// Two administrators acting at the same moment (the same membership added twice, two changes
/// to one user, whose row each renews) make the later save conflict: nothing of it is saved,
/// and it is decided once more against what the earlier one left, so that it gets the answer
/// it would have had coming after (a role already held, a membership not found, an account no
/// longer locked, the agency's last manager), never an error.
/// </summary>
internal sealed partial class MembershipAdministration(CoordinationDbContext db, AuditTrail audit, TimeProvider clock, ILookupNormalizer normalizer)
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
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.UserId, u.DisplayName, u.Email, u.LockoutEnd, u.DisabledAt, m.AgencyId, m.Agency!.Kind, m.Role })
            .ToListAsync(cancellationToken);

        // The listed users' agencies in other municipalities: an account-wide action needs every one of them administered.
        var elsewhere = (await db.Set<Membership>().AsNoTracking()
                .Where(m => m.Agency!.MunicipalityId != municipalityId && db.Set<Membership>().Any(o => o.UserId == m.UserId && o.Agency!.MunicipalityId == municipalityId))
                .Select(m => new { m.UserId, m.AgencyId })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.AgencyId);
        var now = clock.GetUtcNow();
        return rows
            .GroupBy(r => (r.UserId, r.DisplayName, r.Email, r.LockoutEnd, r.DisabledAt))
            .Select(g => new UserMemberships(
                g.Key.UserId,
                g.Key.DisplayName,
                g.Key.Email ?? "",
                g.OrderBy(r => r.Kind).ThenBy(r => r.Role).Select(r => new MembershipEntry(r.Id, r.AgencyId, r.Kind, r.Role, Refusal(admin, r.UserId, r.AgencyId) is null)).ToList(),
                g.Key.LockoutEnd > now ? g.Key.LockoutEnd : null,
                g.Key.DisabledAt,
                AccountRefusal(admin, g.Key.UserId, g.Select(r => r.AgencyId).Concat(elsewhere[g.Key.UserId])) is null))
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
        var normalized = email is null ? null : normalizer.NormalizeEmail(email.Trim());
        var addition = await AddAsync(
            admin, municipalityId, string.IsNullOrEmpty(normalized) ? null : u => u.NormalizedEmail == normalized, agency, role, again: true, cancellationToken);
        return addition.Errors.ToDictionary(e => e.Key, e => AddErrors[(e.Key, e.Value)], StringComparer.Ordinal);
    }

    /// <summary>
    /// Gives the user <paramref name="userId"/> a role in one of the municipality's agencies, by the
    /// same rules as by e-mail; the reasons are codes, so that a caller tells an unknown user
    /// (<c>email</c>: <c>NoSuchUser</c>), the administrator's own account (<c>email</c>:
    /// <c>OwnMembership</c>) and a role already held (<c>role</c>: <c>Held</c>) from a wrong value.
    /// </summary>
    public Task<MembershipAddition> AddAsync(
        ClaimsPrincipal admin, Guid municipalityId, Guid userId, AgencyKind? agency, MembershipRole? role, CancellationToken cancellationToken = default) =>
        AddAsync(admin, municipalityId, u => u.Id == userId, agency, role, again: true, cancellationToken);

    private async Task<MembershipAddition> AddAsync(
        ClaimsPrincipal admin, Guid municipalityId, Expression<Func<CoordinationUser, bool>>? which, AgencyKind? agency, MembershipRole? role,
        bool again, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Administered(admin).Contains(municipalityId))
        {
            errors["municipalityId"] = "NotAdministered";
            return new MembershipAddition(errors, null);
        }

        var user = which is null ? null : await db.Users.FirstOrDefaultAsync(which, cancellationToken);
        if (user is null)
        {
            errors["email"] = "NoSuchUser";
        }

        if (agency is null)
        {
            errors["agencyKind"] = "Required";
        }

        if (role is null)
        {
            errors["role"] = "Required";
        }

        if (errors.Count > 0)
        {
            return new MembershipAddition(errors, null);
        }

        var agencyId = await AgencyIdAsync(municipalityId, agency!.Value, cancellationToken);
        if (agencyId == Guid.Empty)
        {
            errors["agencyKind"] = "NoSuchAgency";
            return new MembershipAddition(errors, null);
        }

        switch (Refusal(admin, user!.Id, agencyId))
        {
            case MembershipRemoval.OwnMembership:
                errors["email"] = "OwnMembership";
                return new MembershipAddition(errors, null);
            case MembershipRemoval.OtherAgency:
                errors["agencyKind"] = "OtherAgency";
                return new MembershipAddition(errors, null);
        }

        if (await db.Set<Membership>().AnyAsync(m => m.UserId == user!.Id && m.AgencyId == agencyId && m.Role == role, cancellationToken))
        {
            errors["role"] = "Held";
            return new MembershipAddition(errors, null);
        }

        var membership = new Membership { Id = Guid.NewGuid(), UserId = user!.Id, AgencyId = agencyId, Role = role!.Value };
        db.Add(membership);
        RenewSecurityStamp(user);
        audit.Record(admin.Audit(AuditAction.UserChanged, "Membership", membership.Id, municipalityId, "Administrator of the municipality", $"added {role} in {agency} ({agencyId}) for {user.Email}"));
        if (!await SavedAsync(again, cancellationToken))
        {
            // Added (or the user changed) at the same moment: decided again, it is held or added now.
            return await AddAsync(admin, municipalityId, which, agency, role, again: false, cancellationToken);
        }

        return new MembershipAddition(errors, new MembershipEntry(membership.Id, agencyId, agency!.Value, membership.Role, Removable: true), user.Email ?? "");
    }

    /// <summary>The messages of adding by e-mail, by field and reason, as the users page has always been given them.</summary>
    private static readonly Dictionary<(string Field, string Reason), string> AddErrors = new()
    {
        [("municipalityId", "NotAdministered")] = "You administer no such municipality.",
        [("email", "NoSuchUser")] = "No user has this e-mail address.",
        [("email", "OwnMembership")] = "Your own memberships are changed by another administrator.",
        [("agencyKind", "Required")] = "Choose an agency.",
        [("agencyKind", "NoSuchAgency")] = "The municipality has no such agency.",
        [("agencyKind", "OtherAgency")] = "You administer the users of your own agency only.",
        [("role", "Required")] = "Choose a role.",
        [("role", "Held")] = "The user already has this role in this agency.",
    };

    /// <summary>
    /// Creates an account with its first membership, in an agency of <paramref name="municipalityId"/>
    /// the administrator administers, and issues its password link: the account has no password
    /// until its user sets one with the link. The account, the membership, the link and the audit
    /// entry are saved together. Errors are keyed by field.
    /// </summary>
    public async Task<AccountCreation> CreateAccountAsync(
        ClaimsPrincipal admin, Guid municipalityId, string? displayName, string? email, AgencyKind? agency, MembershipRole? role,
        PasswordLinks links, TimeSpan linkLifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Administered(admin).Contains(municipalityId))
        {
            errors["municipalityId"] = "NotAdministered";
            return new AccountCreation(errors, null);
        }

        var name = displayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["displayName"] = "Required";
        }
        else if (name.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = "TooLong";
        }

        // Composed (NFC), as the address check and sign-in read it: an address pasted with a letter
        // written decomposed (a and a combining diaeresis for ä) is the same address, not an invalid one.
        var address = email?.Trim().Normalize() ?? "";
        if (address.Length == 0)
        {
            errors["email"] = "Required";
        }
        else if (!IsEmailAddress(address))
        {
            errors["email"] = "Invalid";
        }
        else if (await EmailTakenAsync(address, cancellationToken))
        {
            errors["email"] = "Taken";
        }

        if (agency is null)
        {
            errors["agencyKind"] = "Required";
        }

        if (role is null)
        {
            errors["role"] = "Required";
        }

        if (errors.Count > 0)
        {
            return new AccountCreation(errors, null);
        }

        var agencyId = await AgencyIdAsync(municipalityId, agency!.Value, cancellationToken);
        if (agencyId == Guid.Empty)
        {
            errors["agencyKind"] = "NoSuchAgency";
            return new AccountCreation(errors, null);
        }

        var userId = Guid.NewGuid();
        if (Refusal(admin, userId, agencyId) is not null)
        {
            errors["agencyKind"] = "OtherAgency";
            return new AccountCreation(errors, null);
        }

        var user = new CoordinationUser
        {
            Id = userId,
            DisplayName = name,
            UserName = address,
            NormalizedUserName = normalizer.NormalizeName(address),
            Email = address,
            NormalizedEmail = normalizer.NormalizeEmail(address),
            LockoutEnabled = true,
        };
        RenewSecurityStamp(user);
        var membership = new Membership { Id = Guid.NewGuid(), UserId = user.Id, AgencyId = agencyId, Role = role!.Value };
        db.Add(user);
        db.Add(membership);
        var link = await links.IssueAsync(user.Id, AuditActor.UserId(admin) ?? Guid.Empty, municipalityId, linkLifetime, cancellationToken);
        audit.Record(admin.Audit(
            AuditAction.UserChanged, "User", user.Id, municipalityId, "Administrator of the municipality",
            $"created the account {address} with {role} in {agency} ({agencyId}); password link until {link.ExpiresAt:O}"));
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created at the same moment by another administrator: the address is now taken.
            if (!await EmailTakenAsync(address, cancellationToken))
            {
                throw;
            }

            errors["email"] = "Taken";
            return new AccountCreation(errors, null);
        }

        return new AccountCreation(errors, link, user.Id);
    }

    /// <summary>
    /// Issues a new password link for a user the administrator may act on (as for ending a
    /// lockout: never their own account), replacing the user's earlier link. The user's
    /// present password keeps working until the link is used.
    /// </summary>
    public Task<PasswordLinkIssue> IssuePasswordLinkAsync(
        ClaimsPrincipal admin, Guid municipalityId, Guid userId, PasswordLinks links, TimeSpan linkLifetime, CancellationToken cancellationToken = default) =>
        IssuePasswordLinkAsync(admin, municipalityId, userId, links, linkLifetime, again: true, cancellationToken);

    private async Task<PasswordLinkIssue> IssuePasswordLinkAsync(
        ClaimsPrincipal admin, Guid municipalityId, Guid userId, PasswordLinks links, TimeSpan linkLifetime, bool again, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (await AccountRefusalAsync(admin, municipalityId, userId, cancellationToken) is { } refusal)
        {
            return new PasswordLinkIssue(refusal, null, "", "");
        }

        // A disabled account gets no link; one issued while it is disabled at the same moment opens nothing (PasswordLinks).
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email, u.DisabledAt }).FirstAsync(cancellationToken);
        if (user.DisabledAt is not null)
        {
            return new PasswordLinkIssue(AccountUnlock.Disabled, null, "", "");
        }

        var link = await links.IssueAsync(userId, AuditActor.UserId(admin) ?? Guid.Empty, municipalityId, linkLifetime, cancellationToken);
        audit.Record(admin.Audit(
            AuditAction.UserChanged, "User", userId, municipalityId, "Administrator of the municipality",
            $"issued a password link for {user.Email} until {link.ExpiresAt:O}" + (link.Replaced > 0 ? ", replacing an open one" : "")));
        if (!await SavedAsync(again, cancellationToken))
        {
            // Another link issued at the same moment removed the earlier link first: issued again, this one replaces it.
            return await IssuePasswordLinkAsync(admin, municipalityId, userId, links, linkLifetime, again: false, cancellationToken);
        }

        return new PasswordLinkIssue(null, link, user.DisplayName, user.Email ?? "");
    }

    /// <summary>The municipality's agency of this kind, or <see cref="Guid.Empty"/> if it has none.</summary>
    private Task<Guid> AgencyIdAsync(Guid municipalityId, AgencyKind kind, CancellationToken cancellationToken) =>
        db.Set<Agency>().Where(a => a.MunicipalityId == municipalityId && a.Kind == kind).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Looked up as sign-in looks a user up (<see cref="ILookupNormalizer"/>: Unicode normalization,
    /// then upper case), so that "äsa" typed with a composed or a decomposed ä is one address.
    /// </summary>
    private Task<bool> EmailTakenAsync(string address, CancellationToken cancellationToken)
    {
        var email = normalizer.NormalizeEmail(address);
        var name = normalizer.NormalizeName(address);
        return db.Users.AsNoTracking().AnyAsync(u => u.NormalizedEmail == email || u.NormalizedUserName == name, cancellationToken);
    }

    /// <summary>The longest display name, as the column allows.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>One address, as written, with a domain that has a dot: what a colleague's work address looks like.</summary>
    internal static bool IsEmailAddress(string address) =>
        address.Length <= 256
        && System.Net.Mail.MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && string.IsNullOrEmpty(parsed.DisplayName)
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.EndsWith('.')
        && !address.Any(char.IsWhiteSpace);

    /// <summary>Removes a membership of an agency the user administers; an administrator cannot remove their own memberships.</summary>
    public Task<MembershipRemoval> RemoveAsync(ClaimsPrincipal admin, Guid membershipId, CancellationToken cancellationToken = default) =>
        RemoveAsync(admin, m => m.Id == membershipId, again: true, cancellationToken);

    /// <summary>
    /// As <see cref="RemoveAsync(ClaimsPrincipal, Guid, CancellationToken)"/>, for a membership the
    /// caller names with its user and municipality: one of another user or municipality is not found.
    /// </summary>
    public Task<MembershipRemoval> RemoveAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, Guid membershipId, CancellationToken cancellationToken = default) =>
        RemoveAsync(admin, m => m.Id == membershipId && m.UserId == userId && m.Agency!.MunicipalityId == municipalityId, again: true, cancellationToken);

    private async Task<MembershipRemoval> RemoveAsync(ClaimsPrincipal admin, Expression<Func<Membership, bool>> which, bool again, CancellationToken cancellationToken)
    {
        var membership = await db.Set<Membership>().Include(m => m.Agency).FirstOrDefaultAsync(which, cancellationToken);
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

        if (membership.Role == MembershipRole.Manager)
        {
            // The check above read the other managers' rows, which this change does not write: two
            // removals of the last two managers would both pass it. Both raise the agency's version
            // instead, so the later save conflicts and is decided again, finding no other manager.
            db.Entry(membership.Agency).Property(a => a.Version).IsModified = true;
        }

        db.Remove(membership);
        RenewSecurityStamp(await db.Users.FirstAsync(u => u.Id == membership.UserId, cancellationToken));
        audit.Record(admin.Audit(AuditAction.UserChanged, "Membership", membership.Id, membership.Agency.MunicipalityId, "Administrator of the municipality", $"removed {membership.Role} in agency {membership.AgencyId} of user {membership.UserId}"));
        if (!await SavedAsync(again, cancellationToken))
        {
            // Removed (or the user changed) at the same moment: decided again, it is not found or removed now.
            return await RemoveAsync(admin, which, again: false, cancellationToken);
        }

        return MembershipRemoval.Removed;
    }

    /// <summary>
    /// Saves the change with its audit entry; false if another change saved at the same moment
    /// conflicts with it (when <paramref name="mayConflict"/>; otherwise the conflict is thrown).
    /// Then nothing of it, its audit entry included, is saved, and the context tracks nothing, so
    /// that the caller decides again on what the database now holds.
    /// </summary>
    private async Task<bool> SavedAsync(bool mayConflict, CancellationToken cancellationToken)
    {
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (mayConflict && DatabaseConflicts.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// As UserManager renews a stamp, in the same transaction as the change and its audit entry:
    /// the memberships (or the password) in the user's cookies and tokens are no longer theirs.
    /// </summary>
    internal static void RenewSecurityStamp(CoordinationUser user)
    {
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    /// <summary>
    /// Why <paramref name="admin"/> may not act on the account of <paramref name="userId"/> (end
    /// its lockout, issue it a password link, disable or enable it), or null if they may: the user
    /// holds a membership in <paramref name="municipalityId"/>, which the administrator
    /// administers, and the administrator administers <em>every</em> agency the user belongs to,
    /// in any municipality, and is not the user. An account opens all of its memberships: were one
    /// membership enough, an administrator could give any account a role in their own agency and
    /// then set its password with a link, and read as a social worker or another municipality's
    /// official.
    /// </summary>
    private async Task<AccountUnlock?> AccountRefusalAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, CancellationToken cancellationToken)
    {
        if (!Administered(admin).Contains(municipalityId))
        {
            return AccountUnlock.NotFound;
        }

        var memberships = await db.Set<Membership>().Where(m => m.UserId == userId).Select(m => new { m.AgencyId, m.Agency!.MunicipalityId }).ToListAsync(cancellationToken);
        return memberships.Any(m => m.MunicipalityId == municipalityId)
            ? AccountRefusal(admin, userId, memberships.Select(m => m.AgencyId))
            : AccountUnlock.NotFound;
    }

    /// <summary>Why the administrator may not act on an account of these agencies (all of the user's, in every municipality), or null.</summary>
    private static AccountUnlock? AccountRefusal(ClaimsPrincipal admin, Guid userId, IEnumerable<Guid> agencies)
    {
        var refusals = agencies.Select(a => Refusal(admin, userId, a)).ToList();
        return refusals.Contains(MembershipRemoval.OwnMembership) ? AccountUnlock.OwnAccount
            : refusals.Contains(MembershipRemoval.OtherAgency) ? AccountUnlock.OtherAgency
            : null;
    }

    /// <summary>
    /// Ends the lockout of a user who holds a membership in an agency of
    /// <paramref name="municipalityId"/> that the administrator administers; never their own.
    /// </summary>
    public Task<AccountUnlock> UnlockAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, CancellationToken cancellationToken = default) =>
        UnlockAsync(admin, municipalityId, userId, again: true, cancellationToken);

    private async Task<AccountUnlock> UnlockAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, bool again, CancellationToken cancellationToken)
    {
        if (await AccountRefusalAsync(admin, municipalityId, userId, cancellationToken) is { } refusal)
        {
            return refusal;
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
        if (!await SavedAsync(again, cancellationToken))
        {
            // Unlocked (or the user changed) at the same moment: decided again, it is no longer locked or unlocked now.
            return await UnlockAsync(admin, municipalityId, userId, again: false, cancellationToken);
        }

        return AccountUnlock.Unlocked;
    }
}

/// <summary>What issuing a password link came to: why not, or the link and whom it is for.</summary>
internal sealed record PasswordLinkIssue(AccountUnlock? Refusal, IssuedPasswordLink? Link, string DisplayName, string Email);

/// <summary>
/// What adding a membership came to: the reasons by field (none when added), or the membership
/// added and the e-mail address of its user.
/// </summary>
internal sealed record MembershipAddition(Dictionary<string, string> Errors, MembershipEntry? Added, string Email = "");

/// <summary>What creating an account came to: the errors by field, or the password link for its first sign-in.</summary>
internal sealed record AccountCreation(Dictionary<string, string> Errors, IssuedPasswordLink? Link, Guid? UserId = null);

/// <summary>
/// A user with their memberships in one municipality, and, when their account is locked, until
/// when, and when it is disabled, since when; <paramref name="Manageable"/>: whether the
/// administrator who listed the user may act on the account (end a lockout, issue a password link,
/// disable or enable it): they administer every agency the user belongs to, in any municipality,
/// and it is not their own account.
/// </summary>
public sealed record UserMemberships(Guid UserId, string DisplayName, string Email, IReadOnlyList<MembershipEntry> Memberships, DateTimeOffset? LockedUntil, DateTimeOffset? DisabledAt, bool Manageable);

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

    /// <summary>The account is disabled: it gets no password link until it is enabled.</summary>
    Disabled = 6,
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
