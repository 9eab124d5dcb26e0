using System.Globalization;
using System.Text;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Coordination.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

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
            pages.Use(ShowConcurrentChange);
        });
        return app;
    }

    /// <summary>
    /// A page's change that met another change of the same record at the same moment (the later
    /// save finds the record's version moved on and is rolled back whole; the API answers 409
    /// problem details, <c>Security/ConcurrentChangeHandler</c>): the browser is shown the 409
    /// status page saying so, with a way back to the page, instead of the error page. Nothing of
    /// it was saved, and the form's key was not recorded, so sending it again is safe.
    /// </summary>
    private static async Task ShowConcurrentChange(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (DbUpdateException e) when (!context.Response.HasStarted && (e is DbUpdateConcurrencyException || DatabaseConflicts.IsUniqueViolation(e)))
        {
            context.RequestServices.GetRequiredService<CoordinationDbContext>().ChangeTracker.Clear();
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            context.Features.Set(StatusPageReason.Of(StatusPageReason.ChangedAtTheSameTime, context.Request));
        }
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
