using System.Security.Cryptography;
using System.Text;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Identity;

/// <summary>
/// One-time links with which a user sets their password (<see cref="PasswordLink"/>). The service
/// sends no e-mail: the administrator who issues a link is shown it once and hands it over. The
/// link carries a random 256-bit secret of which only the hash is stored; it is used once, ends
/// at <see cref="Security.SecuritySettings.PasswordLinkLifetime"/>, and a newer link for the same
/// user replaces it. Setting the password renews the user's security stamp, so every earlier
/// sign-in of the account ends, and leaves a second factor in place: whoever holds the link
/// still needs the user's authenticator when they have one.
/// </summary>
public sealed class PasswordLinks(CoordinationDbContext db, UserManager<CoordinationUser> users, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The longest secret accepted from an address: a link's secret is 43 characters.</summary>
    public const int MaxTokenLength = 100;

    /// <summary>
    /// Adds a new link for <paramref name="userId"/> to the context (the caller saves it with its
    /// audit entry) and removes the user's earlier ones: an open one stops working, and a used or
    /// expired one is no longer needed (the audit log keeps what happened). A user has at most one.
    /// </summary>
    public async Task<IssuedPasswordLink> IssueAsync(Guid userId, Guid issuedBy, Guid municipalityId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var earlier = await db.Set<PasswordLink>().Where(l => l.UserId == userId).ToListAsync(cancellationToken);
        db.RemoveRange(earlier);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var link = new PasswordLink
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = Hash(token),
            IssuedAt = now,
            ExpiresAt = now + lifetime,
            IssuedBy = issuedBy,
            MunicipalityId = municipalityId,
        };
        db.Add(link);
        return new IssuedPasswordLink(token, link.ExpiresAt, earlier.Count(l => l.UsedAt is null && l.ExpiresAt > now));
    }

    /// <summary>What the link with <paramref name="token"/> opens, and for whom.</summary>
    public async Task<PasswordLinkOpening> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var link = await FindAsync(token, cancellationToken);
        var state = StateOf(link);
        return new PasswordLinkOpening(
            state,
            state == PasswordLinkState.Open ? await db.Users.Where(u => u.Id == link!.UserId).Select(u => u.Email).FirstAsync(cancellationToken) : null);
    }

    /// <summary>
    /// Sets the password of the link's user and uses the link up, in one transaction with the
    /// audit entry. A password typed twice is checked as a user's own change checks it
    /// (<see cref="NewPasswordRules"/>); one refused changes nothing and keeps the link open, with
    /// every problem at its field.
    /// </summary>
    public async Task<PasswordLinkUse> UseAsync(string? token, string? password, string? repeat, CancellationToken cancellationToken)
    {
        var link = await FindAsync(token, cancellationToken);
        if (StateOf(link) is not PasswordLinkState.Open and var state)
        {
            return new PasswordLinkUse(state, []);
        }

        var user = await db.Users.FirstAsync(u => u.Id == link!.UserId, cancellationToken);
        var problems = await NewPasswordRules.CheckAsync(users, user, password, repeat);
        if (problems.Count > 0)
        {
            return new PasswordLinkUse(PasswordLinkState.Open, problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claimed by a conditional update: of two uses of one link at once, one sets the password.
        var now = clock.GetUtcNow();
        var claimed = await db.Set<PasswordLink>()
            .Where(l => l.Id == link!.Id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return new PasswordLinkUse(PasswordLinkState.Used, []);
        }

        // Two links issued at the same moment for a user who had none are both stored; the password
        // set with one ends the other, as a newer link replaces an older one.
        await db.Set<PasswordLink>()
            .Where(l => l.UserId == link!.UserId && l.Id != link.Id)
            .ExecuteDeleteAsync(cancellationToken);

        // As UserManager sets a password: a new hash and security stamp; the address is shown to
        // have reached its owner; a lockout from mistyped passwords ends with the new one.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        MembershipAdministration.RenewSecurityStamp(user);
        user.EmailConfirmed = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        audit.Record(new AuditRecord(
            AuditAction.PasswordChanged, user.Id, user.Email ?? user.Id.ToString(), "User", user.Id.ToString(), link!.MunicipalityId,
            "Password link issued by an administrator", $"password set with the link issued by {link.IssuedBy} at {link.IssuedAt:O}"));
        await audit.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PasswordLinkUse(PasswordLinkState.Used, []) { PasswordSet = true };
    }

    /// <summary>
    /// The link whose secret is <paramref name="token"/>, or null: mistyped, replaced by a newer one,
    /// or of a disabled account (disabling removes its links; this also holds for one issued at that moment).
    /// </summary>
    private async Task<PasswordLink?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.Set<PasswordLink>().AsNoTracking()
            .Where(l => l.TokenHash == hash && db.Users.Any(u => u.Id == l.UserId && u.DisabledAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private PasswordLinkState StateOf(PasswordLink? link) =>
        link is null ? PasswordLinkState.Unknown
        : link.UsedAt is not null ? PasswordLinkState.Used
        : link.ExpiresAt <= clock.GetUtcNow() ? PasswordLinkState.Expired
        : PasswordLinkState.Open;

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A link just issued: its secret (shown once, never stored), when it ends, and how many open earlier links it replaced.</summary>
public sealed record IssuedPasswordLink(string Token, DateTimeOffset ExpiresAt, int Replaced)
{
    /// <summary>The address to hand over, on the site that serves <paramref name="request"/>.</summary>
    public string Address(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/Account/SetPassword?token={Uri.EscapeDataString(Token)}";
}

/// <summary>Whether a link can still set a password; for an open one, the account's e-mail address.</summary>
public sealed record PasswordLinkOpening(PasswordLinkState State, string? Email);

/// <summary>What using a link came to: the password set, refused (the problems, by field), or the link no longer open.</summary>
public sealed record PasswordLinkUse(PasswordLinkState State, IReadOnlyList<PasswordProblem> Problems)
{
    public bool PasswordSet { get; init; }
}

/// <summary>A link's state as its holder meets it.</summary>
public enum PasswordLinkState
{
    /// <summary>No such link: mistyped, or replaced by a newer one.</summary>
    Unknown = 1,

    /// <summary>It sets a password.</summary>
    Open = 2,

    /// <summary>Already used.</summary>
    Used = 3,

    /// <summary>Past its end.</summary>
    Expired = 4,
}
