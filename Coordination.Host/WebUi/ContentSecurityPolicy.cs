namespace Coordination.Host.WebUi;

/// <summary>
/// Headers for the web UI: scripts, styles and connections only from the service itself,
/// never inline, never framed. The pages are written for this: no inline script or style.
/// </summary>
internal static class ContentSecurityPolicy
{
    public const string Value =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseWebUiSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Value;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
            }

            return next(context);
        });
}
