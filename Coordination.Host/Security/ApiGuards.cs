using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace Coordination.Host.Security;

/// <summary>
/// Checks every signed-in request passes before it reaches an endpoint, so no endpoint can
/// forget them: a bearer token's scopes, on every address (a token also signs in to the pages
/// and the live inbox hub, so a <c>read</c> token could otherwise post a page's form); and on
/// the API, an antiforgery token on state-changing calls made with the cookie (a forged
/// cross-site request has the cookie but never the token) and auditors, who read the audit log
/// and nothing else.
/// </summary>
internal static class ApiGuards
{
    private static readonly string[] AuditorPaths = ["/api/audit", "/api/me", "/api/auth"];

    public static IApplicationBuilder UseApiGuards(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var refusal = await RefusalAsync(context);
            if (refusal is null)
            {
                await next(context);
                return;
            }

            await TypedResults.Problem(title: "Not allowed", detail: refusal, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        });

    private static async Task<string?> RefusalAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        // Scopes come only with bearer tokens; a cookie carries none and passes.
        var method = context.Request.Method;
        if (!ApiScopes.Allows(context.User, method))
        {
            return $"This token's scopes do not allow {method}; ask for a token with the '{ApiScopes.Write}' scope.";
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }

        var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        if (!bearer && !safe && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return "A change made with the browser session needs the antiforgery token (header RequestVerificationToken); API clients use a bearer token.";
        }

        var memberships = MembershipClaim.From(context.User);
        var auditorOnly = memberships.Count > 0 && memberships.All(m => m.Role == MembershipRole.Auditor);
        return auditorOnly && !AuditorPaths.Any(p => context.Request.Path.StartsWithSegments(p))
            ? "Auditors read the audit log only."
            : null;
    }
}
