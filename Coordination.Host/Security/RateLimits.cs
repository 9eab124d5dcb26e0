using System.Security.Claims;
using System.Threading.RateLimiting;
using Coordination.Host.WebUi;
using Microsoft.AspNetCore.RateLimiting;

namespace Coordination.Host.Security;

/// <summary>
/// Rate limiting with the built-in middleware: sign-in by client IP (password guessing), the
/// rest of the API by signed-in user, or by IP before sign-in. Sign-in attempts of the API
/// (<c>/api/auth/*</c>) and of the web sign-in pages (their form posts) share one partition per
/// IP, so switching between them gains a guesser nothing. A refused request gets 429 with
/// Retry-After: problem details for API clients, the status page for a browser.
/// </summary>
internal static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddCoordinationRateLimits(this IServiceCollection services, SecuritySettings settings)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: opening the sign-in page (GET) does not.
            o.AddPolicy(SignInPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ClientAddress(http), _ => Window(settings.SignInPermitsPerMinute))
                : RateLimitPartition.GetNoLimiter("sign-in page"));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/api/auth")
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user : "ip:" + ClientAddress(http),
                        _ => Window(settings.ApiPermitsPerMinute)));
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (!RequestKind.IsApi(context.HttpContext))
                {
                    // No body: the status pages show the browser "too many attempts" in its language.
                    context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    return;
                }

                await TypedResults.Problem(
                    title: "Too many requests",
                    detail: "Slow down: this client has used its requests for the moment. Try again after the time in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
