using System.ComponentModel.DataAnnotations;
using Coordination.Host.Security;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>The second sign-in step for users with an authenticator app: the six-digit code.</summary>
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SignInCodeModel(SignInManager<CoordinationUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "SignInCode.CodeRequired")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LockedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = new string(Code!.Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            LockedOut = true;
            return Page();
        }

        ModelState.AddModelError(nameof(Code), text["SignInCode.Wrong"]);
        return Page();
    }
}
