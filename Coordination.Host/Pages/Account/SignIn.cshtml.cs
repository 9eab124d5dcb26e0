using System.ComponentModel.DataAnnotations;
using Coordination.Host.Security;
using Coordination.Host.WebUi;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>Sign-in with e-mail and password; locks the account after repeated failures; hands over to the code step when the user has a second factor.</summary>
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SignInModel(SignInManager<CoordinationUser> signIn, AuditTrail audit, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LockedOut { get; private set; }

    /// <summary>Set to <c>PasswordSet</c> by the password link page, which sends its user here to sign in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public bool PasswordSet => Done == "PasswordSet";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInCode", new { returnUrl = SafeReturnUrl(ReturnUrl) });
        }

        // A success is audited when the cookie is issued (SessionAudit); a refusal here.
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email!);
        audit.Record(new AuditRecord(
            AuditAction.SignInFailed, user?.Id, Input.Email!.Trim(), "User", user?.Id.ToString() ?? "", null, "Password",
            $"cookie (web sign-in): {(result.IsLockedOut ? "account locked" : user is null ? "unknown user" : result.IsNotAllowed ? "account disabled" : "wrong password")}"));
        await audit.SaveChangesAsync(HttpContext.RequestAborted);

        if (result.IsLockedOut)
        {
            LockedOut = true;
            return Page();
        }

        // A disabled account (not allowed) is told what a wrong password is told, no more.
        ModelState.AddModelError(nameof(Input) + "." + nameof(SignInInput.Password), text["SignIn.Failed"]);
        return Page();
    }

    /// <summary>
    /// Only a path on this site: never an address elsewhere, and no control characters. A browser
    /// drops a tab or a line break from a link, so <c>/&#9;/host</c> would lead to another site;
    /// and <see cref="PageModel.LocalRedirect(string)"/> refuses any control character with an
    /// exception, so <c>/Tasks%0A</c> in an address answered 500 instead of leading anywhere.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' && !url.Any(char.IsControl) ? url : "/";

    /// <summary>The sign-in form.</summary>
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "SignIn.EmailRequired")]
        [Display(Name = "SignIn.Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "SignIn.PasswordRequired")]
        [Display(Name = "SignIn.Password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
