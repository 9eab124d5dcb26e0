using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>Every HTTP endpoint the app maps, read from its own <see cref="EndpointDataSource"/>, so a new endpoint cannot escape the security tests.</summary>
internal static class EndpointCatalogue
{
    public sealed record Route(string Method, RoutePattern Pattern)
    {
        public string Template => "/" + (Pattern.RawText ?? "").TrimStart('/').TrimEnd('/');

        public string Name => $"{Method} {Template}";

        public bool IsSafe => Method is "GET" or "HEAD";
    }

    public static IReadOnlyList<Route> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route(m, e.RoutePattern)))
            .DistinctBy(r => r.Name)
            .OrderBy(r => r.Template, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The path with each parameter replaced by what <paramref name="value"/> gives for its name and constraints.</summary>
    public static string Path(Route route, Func<RoutePatternParameterPart, string> value) =>
        "/" + string.Join("/", route.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(value(parameter)),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    public static bool IsGuid(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content == "guid");
}
