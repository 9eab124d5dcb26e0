using Coordination.Host.WebUi;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Account;

/// <summary>The language switch: keeps the choice in a cookie for a year and returns to the page.</summary>
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = culture == WebUiRegistration.English.Name ? WebUiRegistration.English : WebUiRegistration.Swedish;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Strict, HttpOnly = true });
        return LocalRedirect(SignInModel.SafeReturnUrl(returnUrl));
    }
}
