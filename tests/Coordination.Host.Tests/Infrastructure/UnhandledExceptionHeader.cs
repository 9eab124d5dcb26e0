using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// Test hosts only: a response that answers an unhandled exception (the error page, the API's
/// 500 problem) carries the exception in a header, so that a test failing on the status names
/// what failed on the server instead of only "500". Users never see it: the host itself shows
/// the error page without the exception (<c>UnhandledErrorTests</c>).
/// </summary>
internal sealed class UnhandledExceptionHeader : IStartupFilter
{
    public const string Name = "X-Test-Unhandled-Exception";

    /// <summary>The exception a response names, with a new line before it, or nothing.</summary>
    public static string Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Name, out var values) ? Environment.NewLine + Uri.UnescapeDataString(string.Concat(values)) : "";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Features.Get<IExceptionHandlerFeature>()?.Error is { } error)
                {
                    var text = error.ToString();
                    context.Response.Headers[Name] = Uri.EscapeDataString(text.Length <= 4000 ? text : text[..4000]);
                }

                return Task.CompletedTask;
            });
            await inner(context);
        });
        next(app);
    };
}
