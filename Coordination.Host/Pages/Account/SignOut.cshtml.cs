using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Account;

/// <summary>Signing out is a form post with the antiforgery token; a link cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<CoordinationUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
