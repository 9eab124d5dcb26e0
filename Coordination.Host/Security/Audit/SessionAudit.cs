using System.Security.Claims;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;

namespace Coordination.Host.Security.Audit;

/// <summary>Audit entries for browser sessions started or ended outside the API's sign-in endpoints (the web UI's pages).</summary>
internal static class SessionAudit
{
    private static readonly object Renewing = new();

    /// <summary>
    /// Renews the signed-in user's own cookie after a change of their password or second factor
    /// (the change renewed their security stamp): the same session goes on, so no sign-in is recorded.
    /// </summary>
    public static async Task RenewOwnCookieAsync(HttpContext http, SignInManager<CoordinationUser> signIn, CoordinationUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(signIn);
        http.Items[Renewing] = true;
        try
        {
            await signIn.RefreshSignInAsync(user);
        }
        finally
        {
            http.Items.Remove(Renewing);
        }
    }

    public static async Task SignedInAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal is null || http.Request.Path.StartsWithSegments("/api/auth") || http.Items.ContainsKey(Renewing))
        {
            return;
        }

        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        trail.Record(principal.Audit(AuditAction.SignInSucceeded, "User", AuditActor.UserId(principal)?.ToString() ?? "", null, "Password", "cookie (web sign-in)"));
        await trail.SaveChangesAsync(http.RequestAborted);
    }

    public static async Task SigningOutAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true || http.Request.Path.StartsWithSegments("/api/auth"))
        {
            return;
        }

        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        trail.Record(http.User.Audit(AuditAction.SignedOut, "User", AuditActor.UserId(http.User)?.ToString() ?? "", null, "Own session", "cookie (web sign-out)"));
        await trail.SaveChangesAsync(http.RequestAborted);
    }
}
