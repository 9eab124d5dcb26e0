using Coordination.Host.Identity;
using Coordination.Host.Security;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>
/// A user chooses their password with the one-time link an administrator handed them
/// (<see cref="PasswordLinks"/>): for a new account or a forgotten password. Open to anyone who
/// holds a link; a link used, expired or replaced opens nothing and says so. No cache keeps
/// the page, and it refers to no other site.
/// </summary>
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SetPasswordModel(PasswordLinks links, UserManager<CoordinationUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    /// <summary>The link's state as the holder meets it; only an open link shows the form.</summary>
    public PasswordLinkState State { get; private set; } = PasswordLinkState.Unknown;

    /// <summary>The account the link sets the password of, shown so its holder knows which it is.</summary>
    public string? Email { get; private set; }

    /// <summary>The shortest password Identity accepts, for the rules shown and their errors.</summary>
    public int RequiredLength => users.Options.Password.RequiredLength;

    public async Task OnGetAsync() => await OpenAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await OpenAsync();
        if (State != PasswordLinkState.Open)
        {
            return Page();
        }

        // A value the binder refused (a control character) is already at its field; nothing is checked.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var use = await links.UseAsync(Token, Input.Password, Input.Repeat, HttpContext.RequestAborted);
        if (use.PasswordSet)
        {
            return RedirectToPage("/Account/SignIn", new { done = "PasswordSet" });
        }

        foreach (var problem in use.Problems)
        {
            ModelState.AddModelError(problem.Field == PasswordField.Repeat ? RepeatField : NewField, PasswordMessages.For(text, problem, RequiredLength));
        }

        State = use.State;
        return Page();
    }

    private const string NewField = nameof(Input) + "." + nameof(PasswordInput.Password);

    private const string RepeatField = nameof(Input) + "." + nameof(PasswordInput.Repeat);

    private async Task OpenAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var opening = await links.OpenAsync(Token, HttpContext.RequestAborted);
        State = opening.State;
        Email = opening.Email;
    }

    /// <summary>The new password, twice; neither is ever written back into the page.</summary>
    public sealed class PasswordInput
    {
        public string? Password { get; set; }

        public string? Repeat { get; set; }
    }
}
