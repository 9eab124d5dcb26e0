using Coordination.Host.Identity;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Admin;

/// <summary>Users and their memberships in a municipality: list, add a membership, remove one, end a lockout. No case content.</summary>
public sealed class UsersModel(CoordinationDbContext db, AuditTrail audit, TimeProvider clock, IStringLocalizer<AdministrationResource> text) : AdministrationPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public MembershipInput Input { get; set; } = new();

    public IReadOnlyList<UserMemberships> Users { get; private set; } = [];

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
            return RedirectToPage(new { municipalityId = Choice.Selected, done = "Added" });
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
            return RedirectToPage(new { municipalityId = MunicipalityId, done = "Removed" });
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
            return RedirectToPage(new { municipalityId = Choice.Selected, done = "Unlocked" });
        }

        Problem = text["Users.Unlock." + unlock];
        await LoadAsync();
        return Page();
    }

    private MembershipAdministration Administration => new(db, audit, clock);

    private async Task LoadAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        Users = await Administration.ListAsync(User, Choice.Selected);
    }

    /// <summary>A membership to add: the user's e-mail address, the agency and the role.</summary>
    public sealed class MembershipInput
    {
        public string? Email { get; set; }

        public string? AgencyKind { get; set; }

        public string? Role { get; set; }
    }
}
