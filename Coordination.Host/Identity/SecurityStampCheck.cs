using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Coordination.Host.Identity;

/// <summary>
/// Checks a cookie's or a bearer token's security stamp against the user's on every request, so
/// that a change of memberships (which renews the stamp, see <see cref="MembershipAdministration"/>),
/// of password or of second factor ends the user's sessions and tokens at their next request,
/// not when a cookie is next re-validated (Identity checks every 30 minutes) or a token expires
/// (an hour; Identity's bearer handler never checks). One read of the user by key per request, no cache.
/// </summary>
internal static class SecurityStampCheck
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The cookie's check, then Identity's own validator, which rebuilds the claims every 30 minutes.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<CoordinationUser>>();
        if (await signIn.ValidateSecurityStampAsync(context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>
    /// Refuses a token whose stamp is no longer the user's, and accepts one whose stamp is, as the
    /// bearer handler would (read, unexpired), so that the token is read once per request; an
    /// unreadable or expired token is left to the handler, which refuses it itself.
    /// </summary>
    public static async Task ValidateBearerTokenAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header[BearerPrefix.Length..]);
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<CoordinationUser>>();
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is null)
        {
            context.Fail("The user's memberships or credentials changed after this token was issued; sign in again.");
            return;
        }

        // Read, unexpired and current: the handler takes this result instead of reading the token again.
        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }
}
