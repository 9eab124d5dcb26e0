using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Coordination.Host.Identity;

/// <summary>
/// A signed-in user changes their own password: the current one, the new one twice. Every
/// problem is found at once and named by its field, and nothing changes while there is one.
/// A wrong current password counts towards the lockout as a failed sign-in does (five lock the
/// account for 15 minutes) and is audited as one, so a session left open is not a way to guess
/// the password without limit; while the account is locked the current password is not checked.
/// The change renews the security stamp (<see cref="UserManager{TUser}.ChangePasswordAsync"/>),
/// so the user's other sessions and tokens are refused at their next request
/// (<see cref="SecurityStampCheck"/>); it and its audit entry commit together.
/// </summary>
internal sealed class OwnPasswordChange(UserManager<CoordinationUser> users, CoordinationDbContext db, AuditTrail audit)
{
    /// <summary>The problems found, none when the password was changed.</summary>
    public async Task<IReadOnlyList<PasswordProblem>> ChangeAsync(CoordinationUser user, string? current, string? next, string? repeat)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problems = new List<PasswordProblem>();
        var currentGiven = NewPasswordRules.Given(PasswordField.Current, current, problems);
        problems.AddRange(await NewPasswordRules.CheckAsync(users, user, next, repeat));
        if (!string.IsNullOrEmpty(next) && next.Length <= NewPasswordRules.MaxLength && string.Equals(next, current, StringComparison.Ordinal))
        {
            problems.Add(new(PasswordField.New, "SameAsCurrent"));
        }

        if (currentGiven && await CurrentRefusalAsync(user, current!) is { } refusal)
        {
            problems.Add(new(PasswordField.Current, refusal));
        }

        return problems.Count > 0 ? problems : await ChangeCheckedAsync(user, current!, next!);
    }

    /// <summary>Why the current password is refused, or null if it is right; a refusal is counted and audited.</summary>
    private async Task<string?> CurrentRefusalAsync(CoordinationUser user, string current)
    {
        if (await users.IsLockedOutAsync(user))
        {
            await RecordFailureAsync(user, "account locked", countIt: false);
            return "LockedOut";
        }

        if (await users.CheckPasswordAsync(user, current))
        {
            return null;
        }

        await RecordFailureAsync(user, "wrong current password", countIt: true);
        return await users.IsLockedOutAsync(user) ? "LockedOut" : "Wrong";
    }

    private async Task RecordFailureAsync(CoordinationUser user, string why, bool countIt)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (countIt)
        {
            await users.AccessFailedAsync(user);
        }

        audit.Record(new AuditRecord(
            AuditAction.SignInFailed, user.Id, Actor(user), "User", user.Id.ToString(), null, "Password", $"password change (web page): {why}"));
        await audit.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<PasswordProblem>> ChangeCheckedAsync(CoordinationUser user, string current, string next)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var changed = await users.ChangePasswordAsync(user, current, next);
        if (!changed.Succeeded)
        {
            // Checked above, so only a race gets here: another change of the user committed meanwhile.
            return changed.Errors
                .Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? new PasswordProblem(PasswordField.Current, "Wrong") : new PasswordProblem(PasswordField.New, e.Code))
                .ToList();
        }

        // As a successful sign-in does: the mistyped attempts before it no longer count.
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(new AuditRecord(
            AuditAction.PasswordChanged, user.Id, Actor(user), "User", user.Id.ToString(), null, "Own account",
            "web page; the user's other sessions and tokens end at their next request"));
        await audit.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return [];
    }

    private static string Actor(CoordinationUser user) => user.Email ?? user.Id.ToString();
}

/// <summary>A field of the password form.</summary>
public enum PasswordField
{
    Current,
    New,
    Repeat,
}

/// <summary>
/// What is wrong with one field: Identity's error code for a rule of the new password
/// (<c>PasswordTooShort</c>, <c>PasswordRequiresDigit</c>, …) or one of the form's own
/// (<c>Required</c>, <c>TooLong</c>, <c>Wrong</c>, <c>LockedOut</c>, <c>SameAsCurrent</c>, <c>RepeatDiffers</c>).
/// </summary>
public sealed record PasswordProblem(PasswordField Field, string Code);
