namespace Coordination.Host.WebUi;

/// <summary>
/// What a failure looks like: API clients get RFC 9457 problem details; a browser on a page gets
/// the <c>/Status/{code}</c> page in its language, with the layout and a way back, instead of an
/// empty body or JSON. An unhandled exception is shown as status 500 the same way.
/// </summary>
internal static class StatusPages
{
    public const string PathFormat = "/Status/{0}";

    private const string ErrorPath = "/Status/500";

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
}
