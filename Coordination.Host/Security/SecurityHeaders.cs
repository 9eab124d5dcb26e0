namespace Coordination.Host.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy without 'unsafe-inline' that also
/// forbids framing, no MIME sniffing, no referrer leaving the service, and no caching of
/// answers that carry personal data.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy; inline style is allowed only for the printable protocol's own sheet, by its hash.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'self'; script-src 'self'; style-src 'self' '{StyleHash(Inspections.Visits.ProtocolPage.Style)}'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    private static string StyleHash(string style) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
}
