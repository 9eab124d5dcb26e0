using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Coordination.Host.WebUi;

/// <summary>
/// What a failure looks like: API clients get RFC 9457 problem details; a browser on a page gets
/// the <c>/Status/{code}</c> page in its language, with the layout and a way back, instead of an
/// empty body or JSON. An unhandled exception is shown as status 500 the same way.
/// </summary>
internal static class StatusPages
{
    public const string PathFormat = "/Status/{0}";

    /// <summary>The query parameter of the status page's address that names the <see cref="StatusPageReason.Kind"/>.</summary>
    public const string ReasonParameter = "reason";

    /// <summary>The query parameter of the status page's address that names the <see cref="StatusPageReason.ReturnPath"/>.</summary>
    public const string ReturnPathParameter = "returnPath";

    private const string ErrorPath = "/Status/500";

    private static readonly CompositeFormat Path = CompositeFormat.Parse(PathFormat);

    public static IApplicationBuilder UseCoordinationStatusPages(this IApplicationBuilder app)
    {
        app.UseWhen(RequestKind.IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !RequestKind.IsApi(context), pages =>
        {
            pages.UseExceptionHandler(ErrorPath);
            pages.UseStatusCodePagesWithReExecute(PathFormat);
        });
        return app;
    }

    /// <summary>
    /// The address that shows the status page of <paramref name="code"/> again, with its reason:
    /// a re-executed page's request names only <c>/Status/{code}</c> (and, after an exception, the
    /// failed request's query), so a GET of it would lose the reason. Nothing of the failed
    /// request is sent again.
    /// </summary>
    public static string Address(int code, StatusPageReason? reason)
    {
        var path = string.Format(CultureInfo.InvariantCulture, Path, code);
        return reason is null
            ? path
            : QueryHelpers.AddQueryString(path, new Dictionary<string, string?> { [ReasonParameter] = reason.Kind, [ReturnPathParameter] = reason.ReturnPath });
    }
}
