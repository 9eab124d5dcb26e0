using Microsoft.AspNetCore.Http.Features;

namespace Coordination.Host.Security;

/// <summary>
/// Refuses request bodies over <see cref="SecuritySettings.MaxRequestBodyBytes"/> with 413: at
/// once when Content-Length says so, and while reading when the body is chunked (Kestrel's own
/// limit where the server offers it, a counting stream otherwise).
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                await TooLarge(maxBytes).ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }
            else if (context.Request.ContentLength is null)
            {
                context.Request.Body = new LimitedReadStream(context.Request.Body, maxBytes);
            }

            await next(context);
        });

    public static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        title: "Request too large",
        detail: $"A request body may be at most {maxBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
