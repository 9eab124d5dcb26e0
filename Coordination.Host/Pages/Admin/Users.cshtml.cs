using Coordination.Host.Identity;
using Coordination.Workflows;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Admin;

/// <summary>
/// Users and their memberships in a municipality: list (filtered by <see cref="UserFilter"/>),
/// create an account, issue a password link, add a membership, remove one, end a lockout, disable
/// an account and enable it again (with a reason typed on its row). No case content. The forms and
/// their redirects keep the filter, so the administrator stays on the rows they were working with;
/// a new link is shown on the answer to its form, once, and never redirected to, and so is what a
/// disabled account leaves for its managers.
/// </summary>
public sealed class UsersModel(
    CoordinationDbContext db, AuditTrail audit, TimeProvider clock, ILookupNormalizer normalizer, PasswordLinks links, Security.SecuritySettings settings, IStringLocalizer<AdministrationResource> text) : AdministrationPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public MembershipInput Input { get; set; } = new();

    [BindProperty]
    public AccountInput Account { get; set; } = new();

    /// <summary>A password link just issued, shown once on this answer and never again.</summary>
    public ShownPasswordLink? IssuedLink { get; private set; }

    public IReadOnlyList<UserMemberships> Users { get; private set; } = [];

    /// <summary>How many users the municipality has, before the filter.</summary>
    public int Total { get; private set; }

    public UserFilter Filter { get; private set; } = UserFilter.None;

    /// <summary>Whether the filter could be read; if not, its fields say why and no list is shown, as none was asked for.</summary>
    public bool FilterRead { get; private set; } = true;

    /// <summary>The municipality's agencies, to filter by.</summary>
    public IReadOnlyList<AgencyChoice> Agencies { get; private set; } = [];

    /// <summary>The filter as the address carries it, for the page's forms to keep.</summary>
    public Dictionary<string, string> FilterRoute => UserFilter.Route(Request.Query);

    /// <summary>What choosing another municipality keeps of the filter: not the agency, which is one municipality's.</summary>
    public IReadOnlyList<(string Name, string Value)> KeptByMunicipalityChoice =>
        FilterRoute.Where(p => p.Key != "agency").Select(p => (p.Key, p.Value)).ToList();

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The agencies of the chosen municipality whose memberships this administrator changes.</summary>
    public IReadOnlyList<AgencyKind> AdministeredKinds => MembershipClaim.From(User)
        .Where(m => m.Role == MembershipRole.Administrator && m.MunicipalityId == Choice.Selected)
        .Select(m => m.AgencyKind).Distinct().Order().ToList();

    public async Task OnGetAsync()
    {
        Notice = Request.Query["done"] is { Count: > 0 } done ? text["Users.Done." + done.ToString()].Value : null;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var errors = await Administration.AddAsync(
            User,
            Choice.Selected,
            Input.Email,
            EnumNames.Find<AgencyKind>(Input.AgencyKind?.Trim(), StringComparison.Ordinal),
            EnumNames.Find<MembershipRole>(Input.Role?.Trim(), StringComparison.Ordinal));
        if (errors.Count == 0)
        {
            return Done(Choice.Selected, "Added");
        }

        foreach (var (field, message) in errors)
        {
            var own = text["Error." + field];
            ModelState.AddModelError("Input." + char.ToUpperInvariant(field[0]) + field[1..], own.ResourceNotFound ? message : own.Value);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var creation = await Administration.CreateAccountAsync(
            User,
            Choice.Selected,
            Account.DisplayName,
            Account.Email,
            EnumNames.Find<AgencyKind>(Account.AgencyKind?.Trim(), StringComparison.Ordinal),
            EnumNames.Find<MembershipRole>(Account.Role?.Trim(), StringComparison.Ordinal),
            links,
            settings.PasswordLinkLifetime);
        foreach (var (field, reason) in creation.Errors)
        {
            ModelState.AddModelError("Account." + char.ToUpperInvariant(field[0]) + field[1..], text[$"Users.Create.Error.{field}.{reason}"]);
        }

        if (creation.Link is { } link)
        {
            ShowLink(link, Account.DisplayName!.Trim(), Account.Email!.Trim(), "Users.Link.Created");
            ModelState.Clear();
            Account = new AccountInput();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordLinkAsync(Guid userId)
    {
        await ChooseAsync(MunicipalityId, db);
        var issue = await Administration.IssuePasswordLinkAsync(User, Choice.Selected, userId, links, settings.PasswordLinkLifetime);
        await LoadAsync();
        if (issue.Refusal is { } refused)
        {
            Problem = text["Users.Link." + refused];
            return Page();
        }

        ShowLink(issue.Link!, issue.DisplayName, issue.Email, "Users.Link.Issued");
        return Page();
    }

    /// <summary>
    /// Puts a new link on this answer, which no cache keeps: the secret is shown to the
    /// administrator once, to hand over, and is never stored or shown again.
    /// </summary>
    private void ShowLink(IssuedPasswordLink link, string name, string email, string notice)
    {
        IssuedLink = new ShownPasswordLink(link.Address(Request), link.ExpiresAt, name, email, link.Replaced > 0);
        Notice = text[notice, name];
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId)
    {
        var removal = await Administration.RemoveAsync(User, membershipId);
        if (removal == MembershipRemoval.Removed)
        {
            return Done(MunicipalityId, "Removed");
        }

        Problem = text["Users.Remove." + removal];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid userId)
    {
        await ChooseAsync(MunicipalityId, db);
        var unlock = await Administration.UnlockAsync(User, Choice.Selected, userId);
        if (unlock == AccountUnlock.Unlocked)
        {
            return Done(Choice.Selected, "Unlocked");
        }

        Problem = text["Users.Unlock." + unlock];
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid userId, string? reason) => ChangeStatusAsync(userId, reason, disable: true);

    public Task<IActionResult> OnPostEnableAsync(Guid userId, string? reason) => ChangeStatusAsync(userId, reason, disable: false);

    /// <summary>A reason that was refused, written back into its row's field to be corrected.</summary>
    public (Guid UserId, string? Reason)? TypedReason { get; private set; }

    /// <summary>The reason field of a user's row: one per row, so that an error is shown where it was typed.</summary>
    public static string ReasonField(Guid userId) => $"reason-{userId:N}";

    /// <summary>
    /// Disables or enables the account and says so on the answer, with the open work a disabled
    /// account leaves for its managers to reassign; a refused reason is named at the row's field.
    /// </summary>
    private async Task<IActionResult> ChangeStatusAsync(Guid userId, string? reason, bool disable)
    {
        await ChooseAsync(MunicipalityId, db);

        // As typed, also when the form could not take it (a control character, such as a vertical
        // tab pasted from a word processor): that one is not bound, and came to the check as no
        // reason at all, was refused as missing and was emptied from its field.
        var typed = Request.Form["reason"].FirstOrDefault();
        if (ModelState.TryGetValue("reason", out var unread) && unread.Errors.Count > 0)
        {
            var messages = unread.Errors.Select(e => e.ErrorMessage).ToList();
            ModelState.Remove("reason");
            messages.ForEach(m => ModelState.AddModelError(ReasonField(userId), m));
            TypedReason = (userId, typed);
            await LoadAsync();
            return Page();
        }

        var change = disable
            ? await Administration.DisableAsync(User, Choice.Selected, userId, reason)
            : await Administration.EnableAsync(User, Choice.Selected, userId, reason);
        switch (change.Outcome)
        {
            case AccountStatusOutcome.Disabled:
                Notice = text["Users.Done.Disabled", change.DisplayName, change.OpenTasks, change.PendingReviews];
                break;
            case AccountStatusOutcome.Enabled:
                Notice = text["Users.Done.Enabled", change.DisplayName];
                break;
            case AccountStatusOutcome.InvalidReason:
                TypedReason = (userId, typed);
                ModelState.AddModelError(ReasonField(userId), text[$"Users.StatusChange.Reason.{change.ReasonProblem}", MembershipAdministration.MaxReasonLength]);
                break;
            default:
                Problem = text["Users.StatusChange." + change.Outcome];
                break;
        }

        await LoadAsync();
        return Page();
    }

    private MembershipAdministration Administration => new(db, audit, clock, normalizer);

    private async Task LoadAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        var all = await Administration.ListAsync(User, Choice.Selected);
        Agencies = await Administration.AgenciesAsync(User, Choice.Selected);
        Total = all.Count;
        var (filter, wrong) = UserFilter.Read(Request.Query, Agencies);
        foreach (var parameter in wrong)
        {
            ModelState.AddModelError(parameter, text["Users.Filter.Error." + parameter]);
        }

        FilterRead = wrong.Count == 0;
        Filter = filter;
        Users = FilterRead ? all.Where(filter.Matches).ToList() : [];
    }

    private RedirectToPageResult Done(Guid? municipalityId, string done)
    {
        var route = new RouteValueDictionary { ["municipalityId"] = municipalityId, ["done"] = done };
        foreach (var (parameter, value) in UserFilter.Route(Request.Query))
        {
            route[parameter] = value;
        }

        return RedirectToPage(route);
    }

    /// <summary>An account to create: the user's name and e-mail address, and their first agency and role.</summary>
    public sealed class AccountInput
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? AgencyKind { get; set; }

        public string? Role { get; set; }
    }

    /// <summary>A link as the page shows it once: the address, its end, and for whom.</summary>
    public sealed record ShownPasswordLink(string Address, DateTimeOffset ExpiresAt, string DisplayName, string Email, bool ReplacedEarlier);

    /// <summary>A membership to add: the user's e-mail address, the agency and the role.</summary>
    public sealed class MembershipInput
    {
        public string? Email { get; set; }

        public string? AgencyKind { get; set; }

        public string? Role { get; set; }
    }
}
