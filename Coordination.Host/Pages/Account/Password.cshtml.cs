using Coordination.Host.Identity;
using Coordination.Host.Security;
using Coordination.Host.WebUi;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>
/// The signed-in user changes their own password (<see cref="OwnPasswordChange"/>); this browser
/// stays signed in, the user's other sessions and tokens end. A form post checks a password, so
/// it counts against the sign-in rate limit of the client's address as the sign-in form does.
/// </summary>
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class PasswordModel(
    UserManager<CoordinationUser> users, SignInManager<CoordinationUser> signIn, CoordinationDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    /// <summary>The rules of a new password, from Identity's options, so the hint says what is checked.</summary>
    public int RequiredLength => users.Options.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // A value the binder refused (a control character) is already at its field; nothing is checked or counted.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var problems = await new OwnPasswordChange(users, db, audit).ChangeAsync(user, Input.CurrentPassword, Input.NewPassword, Input.RepeatPassword);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(nameof(Input) + "." + FieldOf(problem.Field), PasswordMessages.For(text, problem, RequiredLength));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The stamp is new: this browser's cookie is issued again, every other session ends.
        await Security.Audit.SessionAudit.RenewOwnCookieAsync(HttpContext, signIn, user);
        TempData[nameof(SecurityModel.Message)] = text["Password.Changed"].Value;
        return RedirectToPage("/Account/Security");
    }

    private static string FieldOf(PasswordField field) => field switch
    {
        PasswordField.Current => nameof(PasswordInput.CurrentPassword),
        PasswordField.New => nameof(PasswordInput.NewPassword),
        _ => nameof(PasswordInput.RepeatPassword),
    };

    /// <summary>The form; a password is never written back into it.</summary>
    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? RepeatPassword { get; set; }
    }
}
