using Coordination.Host.Identity;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Admin;

/// <summary>
/// Users and their memberships in a municipality: list (filtered by <see cref="UserFilter"/>), add
/// a membership, remove one, end a lockout. No case content. The forms and their redirects keep
/// the filter, so the administrator stays on the rows they were working with.
/// </summary>
public sealed class UsersModel(CoordinationDbContext db, AuditTrail audit, TimeProvider clock, IStringLocalizer<AdministrationResource> text) : AdministrationPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public MembershipInput Input { get; set; } = new();

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
            Enum.TryParse<AgencyKind>(Input.AgencyKind, out var agency) && Enum.IsDefined(agency) ? agency : null,
            Enum.TryParse<MembershipRole>(Input.Role, out var role) && Enum.IsDefined(role) ? role : null);
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

    private MembershipAdministration Administration => new(db, audit, clock);

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

    /// <summary>A membership to add: the user's e-mail address, the agency and the role.</summary>
    public sealed class MembershipInput
    {
        public string? Email { get; set; }

        public string? AgencyKind { get; set; }

        public string? Role { get; set; }
    }
}
