namespace Coordination.Host.WebUi;

/// <summary>Whether a request comes from an API client or from a browser on a page: they get different answers to the same failure.</summary>
internal static class RequestKind
{
    /// <summary>An <c>/api</c> address, or any request that carries a token.</summary>
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Authorization.Count > 0;
}
