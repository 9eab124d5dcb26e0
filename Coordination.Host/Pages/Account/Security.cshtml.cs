using System.Globalization;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>
/// The user's account ("Mitt konto"): a link to change the password (<see cref="PasswordModel"/>,
/// whose confirmation is shown here), and the optional second factor: an authenticator app (TOTP)
/// set up with the shared key shown as text and as an otpauth address, confirmed with one code
/// from the app before it is required.
/// </summary>
public sealed class SecurityModel(UserManager<CoordinationUser> users, SignInManager<CoordinationUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    private const string Issuer = "Coordination";

    public bool Enabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string AuthenticatorUri { get; private set; } = string.Empty;

    [BindProperty]
    public string? Code { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Creates the shared key. Reading the page never does: a GET changes nothing.</summary>
    public async Task<IActionResult> OnPostSetupAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await Security.Audit.SessionAudit.RenewOwnCookieAsync(HttpContext, signIn, user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = new string((Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), text["Security.CodeRequired"]);
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), text["Security.CodeWrong"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await Security.Audit.SessionAudit.RenewOwnCookieAsync(HttpContext, signIn, user);
        Message = text["Security.Enabled"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await Security.Audit.SessionAudit.RenewOwnCookieAsync(HttpContext, signIn, user);
        Message = text["Security.Disabled"];
        return RedirectToPage();
    }

    private async Task LoadAsync(CoordinationUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        AuthenticatorUri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
    }
}
