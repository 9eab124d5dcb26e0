using Coordination.Host.Concerns;
using Coordination.Host.Pages.Admin;
using Coordination.Host.Security;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Coordination.Workflows;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Identity;

/// <summary>
/// A municipality's users over HTTP, for its administrators: the list the users page shows
/// (filtered by <c>search</c>, <c>agency</c>, <c>role</c> and <c>status</c> as the page is), creating an
/// account, issuing a password link, adding and removing a membership, ending a lockout, and
/// disabling and enabling an account (with a reason, for the audit log).
/// The same rules as the page, by the same methods (<see cref="MembershipAdministration"/>):
/// an administrator acts in the agencies they administer, never on their own account. A link's
/// address is in the answer once; it is not stored and cannot be read again.
/// </summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserAdministration(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/municipalities/{municipalityId:guid}/users").WithTags("Users");
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync);
        users.MapPost("/{userId:guid}/password-link", IssueLinkAsync);
        users.MapPost("/{userId:guid}/memberships", AddMembershipAsync);
        users.MapDelete("/{userId:guid}/memberships/{membershipId:guid}", RemoveMembershipAsync);
        users.MapPost("/{userId:guid}/unlock", UnlockAsync);
        users.MapPost("/{userId:guid}/disable", (Guid municipalityId, Guid userId, AccountStatusRequest request, HttpContext http, MembershipAdministration administration, CancellationToken cancellationToken) =>
            ChangeStatusAsync(municipalityId, userId, request, disable: true, http, administration, cancellationToken));
        users.MapPost("/{userId:guid}/enable", (Guid municipalityId, Guid userId, AccountStatusRequest request, HttpContext http, MembershipAdministration administration, CancellationToken cancellationToken) =>
            ChangeStatusAsync(municipalityId, userId, request, disable: false, http, administration, cancellationToken));
        return endpoints;
    }

    private static async Task<IResult> ListAsync(Guid municipalityId, HttpContext http, MembershipAdministration administration, CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        var agencies = await administration.AgenciesAsync(http.User, municipalityId, cancellationToken);
        var (filter, wrong) = UserFilter.Read(http.Request.Query, agencies);
        if (wrong.Count > 0)
        {
            return Problems.Invalid(wrong.ToDictionary(p => p, p => new[] { FilterErrors[p] }));
        }

        var users = await administration.ListAsync(http.User, municipalityId, cancellationToken);
        return TypedResults.Ok(users.Where(filter.Matches).Select(u => new
        {
            u.UserId,
            u.DisplayName,
            u.Email,
            u.LockedUntil,
            status = (u.DisabledAt is null ? AccountStatus.Active : AccountStatus.Disabled).ToString(),
            u.DisabledAt,
            u.Manageable,
            memberships = u.Memberships.Select(m => new { m.Id, m.AgencyId, agencyKind = m.Agency.ToString(), role = m.Role.ToString(), m.Removable }),
        }));
    }

    private static async Task<IResult> CreateAsync(
        Guid municipalityId, NewAccount account, HttpContext http, MembershipAdministration administration,
        PasswordLinks links, SecuritySettings settings, CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        var creation = await administration.CreateAccountAsync(
            http.User, municipalityId, account.DisplayName, account.Email,
            EnumNames.Find<AgencyKind>(account.AgencyKind?.Trim(), StringComparison.Ordinal),
            EnumNames.Find<MembershipRole>(account.Role?.Trim(), StringComparison.Ordinal),
            links,
            settings.PasswordLinkLifetime,
            cancellationToken);
        if (creation.Link is not { } link)
        {
            return Problems.Invalid(creation.Errors.ToDictionary(e => e.Key, e => new[] { Errors[(e.Key, e.Value)] }));
        }

        IdempotentRequests.KeepNoAnswer(http);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/users?search={Uri.EscapeDataString(account.Email!.Trim())}", new
        {
            userId = creation.UserId,
            passwordLink = new { address = link.Address(http.Request), link.ExpiresAt },
        });
    }

    private static async Task<IResult> IssueLinkAsync(
        Guid municipalityId, Guid userId, HttpContext http, MembershipAdministration administration,
        PasswordLinks links, SecuritySettings settings, CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        var issue = await administration.IssuePasswordLinkAsync(http.User, municipalityId, userId, links, settings.PasswordLinkLifetime, cancellationToken);
        IdempotentRequests.KeepNoAnswer(http);
        return issue.Refusal switch
        {
            null => TypedResults.Ok(new { address = issue.Link!.Address(http.Request), issue.Link.ExpiresAt, replacedEarlier = issue.Link.Replaced > 0 }),
            AccountUnlock.OwnAccount => Problems.Forbidden("A password link for your own account is issued by another administrator."),
            AccountUnlock.OtherAgency => Problems.Forbidden("The user belongs to an agency you do not administer; an administrator of all of the user's agencies issues the link."),
            AccountUnlock.Disabled => Problems.Conflict("Account disabled", "A disabled account gets no password link; enable it first."),
            _ => Problems.NotFound("User"),
        };
    }

    private static async Task<IResult> AddMembershipAsync(
        Guid municipalityId, Guid userId, NewMembership membership, HttpContext http, MembershipAdministration administration,
        CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        var addition = await administration.AddAsync(
            http.User, municipalityId, userId,
            EnumNames.Find<AgencyKind>(membership.AgencyKind?.Trim(), StringComparison.Ordinal),
            EnumNames.Find<MembershipRole>(membership.Role?.Trim(), StringComparison.Ordinal),
            cancellationToken);
        var errors = addition.Errors;
        if (addition.Added is { } added)
        {
            return TypedResults.Created(
                $"/api/municipalities/{municipalityId}/users?search={Uri.EscapeDataString(addition.Email)}",
                new { added.Id, added.AgencyId, agencyKind = added.Agency.ToString(), role = added.Role.ToString() });
        }

        return errors.GetValueOrDefault("email") switch
        {
            "NoSuchUser" => Problems.NotFound("User"),
            "OwnMembership" => Problems.Forbidden("Your own memberships are changed by another administrator."),
            _ when errors.GetValueOrDefault("role") == "Held" =>
                Problems.Conflict("Membership exists", "The user already has this role in this agency."),
            _ => Problems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { Errors[(e.Key, e.Value)] })),
        };
    }

    private static async Task<IResult> RemoveMembershipAsync(
        Guid municipalityId, Guid userId, Guid membershipId, HttpContext http, MembershipAdministration administration,
        CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        return await administration.RemoveAsync(http.User, municipalityId, userId, membershipId, cancellationToken) switch
        {
            MembershipRemoval.Removed => TypedResults.NoContent(),
            MembershipRemoval.OwnMembership => Problems.Forbidden("Your own memberships are changed by another administrator."),
            MembershipRemoval.OtherAgency => Problems.Forbidden("The membership belongs to another agency; its own administrator changes it."),
            MembershipRemoval.LastManager => Problems.Conflict(
                "Last manager",
                "The agency's last manager cannot be removed: overdue tasks escalate to its managers. Give someone else the manager role first."),
            _ => Problems.NotFound("Membership"),
        };
    }

    private static async Task<IResult> UnlockAsync(
        Guid municipalityId, Guid userId, HttpContext http, MembershipAdministration administration, CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        return await administration.UnlockAsync(http.User, municipalityId, userId, cancellationToken) switch
        {
            AccountUnlock.Unlocked => TypedResults.NoContent(),
            AccountUnlock.OwnAccount => Problems.Forbidden("Your own account is unlocked by another administrator."),
            AccountUnlock.OtherAgency => Problems.Forbidden("The user belongs to an agency you do not administer; an administrator of all of the user's agencies unlocks the account."),
            AccountUnlock.NotLocked => Problems.Conflict("Not locked", "The account is not locked."),
            _ => Problems.NotFound("User"),
        };
    }

    private static async Task<IResult> ChangeStatusAsync(
        Guid municipalityId, Guid userId, AccountStatusRequest request, bool disable, HttpContext http, MembershipAdministration administration,
        CancellationToken cancellationToken)
    {
        if (Refusal(http, municipalityId) is { } refused)
        {
            return refused;
        }

        var change = disable
            ? await administration.DisableAsync(http.User, municipalityId, userId, request.Reason, cancellationToken)
            : await administration.EnableAsync(http.User, municipalityId, userId, request.Reason, cancellationToken);
        var verb = disable ? "disables" : "enables";
        return change.Outcome switch
        {
            AccountStatusOutcome.Disabled or AccountStatusOutcome.Enabled => TypedResults.Ok(new
            {
                userId,
                status = (disable ? AccountStatus.Disabled : AccountStatus.Active).ToString(),
                change.OpenTasks,
                change.PendingReviews,
            }),
            AccountStatusOutcome.OwnAccount => Problems.Forbidden($"Another administrator {verb} your own account."),
            AccountStatusOutcome.OtherAgency => Problems.Forbidden($"The user belongs to an agency you do not administer; an administrator of all of the user's agencies {verb} the account."),
            AccountStatusOutcome.InvalidReason => Problems.Invalid("reason", change.ReasonProblem == "TooLong"
                ? $"At most {MembershipAdministration.MaxReasonLength} characters."
                : "Why the account is " + (disable ? "disabled" : "enabled") + ", for the audit log."),
            AccountStatusOutcome.AlreadyDisabled => Problems.Conflict("Already disabled", "The account is already disabled."),
            AccountStatusOutcome.NotDisabled => Problems.Conflict("Not disabled", "The account is not disabled."),
            _ => Problems.NotFound("User"),
        };
    }

    /// <summary>A municipality the caller is not in is not found; one they are in but do not administer is forbidden.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refusal(HttpContext http, Guid municipalityId)
    {
        var viewer = http.User.Viewer();
        return !viewer.BelongsTo(municipalityId) ? Problems.NotFound("Municipality")
            : !viewer.Administers(municipalityId) ? Problems.Forbidden("Only the municipality's administrators manage its users.")
            : null;
    }

    private static readonly Dictionary<string, string> FilterErrors = new(StringComparer.Ordinal)
    {
        ["search"] = $"A text of at most {UserFilter.MaxSearchLength} characters, given once.",
        ["agency"] = "The id of one of the municipality's agencies, given once.",
        ["role"] = $"One of {string.Join(", ", Enum.GetNames<MembershipRole>())}, given once.",
        ["status"] = $"One of {string.Join(", ", Enum.GetNames<AccountStatus>())}, given once.",
    };

    /// <summary>The API's messages by field and reason, for creating an account and for adding a membership (whose reasons are a part of these).</summary>
    private static readonly Dictionary<(string Field, string Reason), string> Errors = new()
    {
        [("municipalityId", "NotAdministered")] = "You do not administer this municipality.",
        [("displayName", "Required")] = "The user's name is required.",
        [("displayName", "TooLong")] = $"At most {MembershipAdministration.MaxDisplayNameLength} characters.",
        [("email", "Required")] = "The user's e-mail address is required.",
        [("email", "Invalid")] = "Not an e-mail address such as name@municipality.se.",
        [("email", "Taken")] = "An account with this address exists; give it a membership instead.",
        [("agencyKind", "Required")] = $"One of {string.Join(", ", Enum.GetNames<AgencyKind>())}.",
        [("agencyKind", "NoSuchAgency")] = "The municipality has no such agency.",
        [("agencyKind", "OtherAgency")] = "An agency of the municipality that you administer.",
        [("role", "Required")] = $"One of {string.Join(", ", Enum.GetNames<MembershipRole>())}.",
    };

    /// <summary>An account to create: the user's name and e-mail address, and their first agency and role.</summary>
    internal sealed record NewAccount(string? DisplayName, string? Email, string? AgencyKind, string? Role);

    /// <summary>Why an account is disabled or enabled, for the audit log.</summary>
    internal sealed record AccountStatusRequest(string? Reason);

    /// <summary>A membership to give a user: the agency, by kind, and the role.</summary>
    internal sealed record NewMembership(string? AgencyKind, string? Role);
}
