using System.Security.Claims;
using Coordination.Host.Concerns;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Identity;

/// <summary>
/// Disabling and enabling an account (ADR 0020), with the same rules as ending a lockout: a user
/// all of whose agencies the administrator administers, never their own account. Disabling renews the security
/// stamp (every session and token of the account ends at its next request) and removes the
/// account's password links; while disabled it cannot sign in (<see cref="CoordinationSignInManager"/>)
/// and gets no new link. Its memberships stay, so that it stays in the lists, its work stays
/// visible to its managers, and enabling gives it back what it had.
/// </summary>
internal sealed partial class MembershipAdministration
{
    /// <summary>The longest reason for disabling or enabling an account, as the audit entry keeps it.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Disables the account; the reason is required and goes to the audit entry.</summary>
    public Task<AccountStatusChange> DisableAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(admin, municipalityId, userId, reason, disable: true, again: true, cancellationToken);

    /// <summary>Enables a disabled account again: the user signs in with their password, or sets one with a new link.</summary>
    public Task<AccountStatusChange> EnableAsync(ClaimsPrincipal admin, Guid municipalityId, Guid userId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(admin, municipalityId, userId, reason, disable: false, again: true, cancellationToken);

    /// <summary>Why the reason given cannot be kept, or null: it is required, and at most <see cref="MaxReasonLength"/> characters.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Required"
        : reason.Trim().Length > MaxReasonLength ? "TooLong"
        : null;

    private async Task<AccountStatusChange> ChangeStatusAsync(
        ClaimsPrincipal admin, Guid municipalityId, Guid userId, string? reason, bool disable, bool again, CancellationToken cancellationToken)
    {
        if (await AccountRefusalAsync(admin, municipalityId, userId, cancellationToken) is { } refusal)
        {
            return new AccountStatusChange(refusal switch
            {
                AccountUnlock.OwnAccount => AccountStatusOutcome.OwnAccount,
                AccountUnlock.OtherAgency => AccountStatusOutcome.OtherAgency,
                _ => AccountStatusOutcome.NotFound,
            });
        }

        if (ReasonProblem(reason) is { } problem)
        {
            return new AccountStatusChange(AccountStatusOutcome.InvalidReason) { ReasonProblem = problem };
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        if (user.DisabledAt is not null == disable)
        {
            return new AccountStatusChange(disable ? AccountStatusOutcome.AlreadyDisabled : AccountStatusOutcome.NotDisabled);
        }

        var work = await OpenWorkAsync(municipalityId, userId, cancellationToken);
        var why = reason!.Trim();
        if (disable)
        {
            user.DisabledAt = clock.GetUtcNow();
            RenewSecurityStamp(user);
            db.RemoveRange(await db.Set<PasswordLink>().Where(l => l.UserId == userId).ToListAsync(cancellationToken));
        }
        else
        {
            user.DisabledAt = null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        audit.Record(admin.Audit(
            AuditAction.UserChanged, "User", userId, municipalityId, "Administrator of the municipality",
            $"{(disable ? "disabled" : "enabled")} the account {user.Email} ({work.Tasks} open tasks, {work.Reviews} pending reviews in the municipality): {why}"));
        if (!await SavedAsync(again, cancellationToken))
        {
            // Changed at the same moment by another administrator: decided again, it is already as asked or changed now.
            return await ChangeStatusAsync(admin, municipalityId, userId, reason, disable, again: false, cancellationToken);
        }

        return new AccountStatusChange(disable ? AccountStatusOutcome.Disabled : AccountStatusOutcome.Enabled)
        {
            DisplayName = user.DisplayName,
            OpenTasks = work.Tasks,
            PendingReviews = work.Reviews,
        };
    }

    /// <summary>
    /// The tasks and reviews of <paramref name="municipalityId"/> that the user holds and that are not
    /// done: a disabled user does none of them, so the administrator tells the agency's managers,
    /// who see them with their owner and reassign them.
    /// </summary>
    private async Task<(int Tasks, int Reviews)> OpenWorkAsync(Guid municipalityId, Guid userId, CancellationToken cancellationToken) =>
        (await db.Open().CountAsync(t => t.MunicipalityId == municipalityId && t.OwnerUserId == userId, cancellationToken),
         await db.Set<ReviewState>().AsNoTracking().CountAsync(r => r.MunicipalityId == municipalityId && r.OwnerUserId == userId && ReviewState.PendingStates.Contains(r.CurrentState), cancellationToken));
}

/// <summary>What disabling or enabling an account came to, and, when done, the user's open work in the municipality.</summary>
internal sealed record AccountStatusChange(AccountStatusOutcome Outcome)
{
    /// <summary>Why the reason was refused (Required or TooLong), when it was.</summary>
    public string? ReasonProblem { get; init; }

    public string DisplayName { get; init; } = "";

    public int OpenTasks { get; init; }

    public int PendingReviews { get; init; }
}

/// <summary>What disabling or enabling an account came to.</summary>
public enum AccountStatusOutcome
{
    Disabled = 1,
    Enabled = 2,
    NotFound = 3,

    /// <summary>The administrator's own account: another administrator disables or enables it.</summary>
    OwnAccount = 4,

    /// <summary>A user of another agency only: its own administrator acts on the account.</summary>
    OtherAgency = 5,

    InvalidReason = 6,
    AlreadyDisabled = 7,
    NotDisabled = 8,
}
