using System.Security.Claims;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>Audit entries for browser sessions started or ended outside the API's sign-in endpoints (the web UI's pages).</summary>
internal static class SessionAudit
{
    public static async Task SignedInAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal is null || http.Request.Path.StartsWithSegments("/api/auth"))
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
