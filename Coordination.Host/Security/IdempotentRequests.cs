using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Requests;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Security;

/// <summary>
/// Does a request's work once however often it is sent, when it carries a key: an API client's
/// <c>Idempotency-Key</c> header, or the hidden <see cref="FormField"/> every page form carries
/// (<see cref="IdempotencyKeyTagHelper"/>), so a double click or a retry after a timeout does not
/// raise a concern twice. The first request with a key is recorded before it runs
/// (<see cref="IdempotentRequest"/>, one row per user and key) and its response after; a repeat
/// with the same key and the same request gets that response again (with
/// <c>Idempotent-Replayed: true</c>), one with another request 422, and one while the first still
/// runs on another host 409. On the same host a repeat waits for the first. Only success is
/// recorded (2xx from the API, a redirect from a page form): after a refusal or an error the same
/// key may be sent again. A request with a key runs to its end even if the client goes away, since
/// a browser abandons its first request on a double click and shows the second's answer.
/// </summary>
/// <remarks>
/// The record and the request's own work are separate transactions. A host that dies between the
/// two leaves the record unfinished: after <see cref="AbandonedAfter"/> the same key runs again.
/// </remarks>
internal sealed partial class IdempotentRequests(
    RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotentRequests> logger)
{
    public const string Header = "Idempotency-Key";

    public const string FormField = "__IdempotencyKey";

    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long an unfinished record holds its key against repeats from other hosts.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>Responses larger than this are not kept; a repeat then runs nothing and gets 409.</summary>
    private const int MaxStoredBody = 256 * 1024;

    private readonly ConcurrentDictionary<(Guid User, string Key), TaskCompletionSource> running = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsCandidate(context) || await KeyOfAsync(context) is not { } key)
        {
            await next(context);
            return;
        }

        if (key.Length is 0 or > IdempotentRequest.KeyMaxLength || !key.All(c => c is > ' ' and <= '~'))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Invalid idempotency key",
                $"{Header} must be 1 to {IdempotentRequest.KeyMaxLength} visible ASCII characters.");
            return;
        }

        var userId = Guid.Parse(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var target = $"{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > IdempotentRequest.TargetMaxLength)
        {
            await next(context);
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request, target);

        // Requests with one key take turns on this host: each waits for the one before it, then
        // finds its answer recorded (or, if it was refused, runs itself).
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (running.GetOrAdd((userId, key), mine) is var before && before != mine)
        {
            await before.Task.WaitAsync(context.RequestAborted);
        }

        try
        {
            if (await ClaimAsync(userId, key, context.Request.Method, target, fingerprint) is { } first)
            {
                await AnswerRepeatAsync(context, first);
                return;
            }

            await RunAndRecordAsync(context, userId, key);
        }
        finally
        {
            running.TryRemove(new KeyValuePair<(Guid, string), TaskCompletionSource>((userId, key), mine));
            mine.SetResult();
        }
    }

    /// <summary>A changing request by a signed-in user, not itself a re-run of a failed request to show its status or error page.</summary>
    private static bool IsCandidate(HttpContext context) =>
        (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)
            || HttpMethods.IsPatch(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
        && context.User.Identity?.IsAuthenticated == true
        && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out _)
        && !context.Request.Path.StartsWithSegments("/api/auth")
        && context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null;

    private static async Task<string?> KeyOfAsync(HttpContext context)
    {
        var header = context.Request.Headers[Header];
        if (header.Count > 0)
        {
            return header.Count == 1 ? header[0] ?? "" : "";
        }

        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        context.Request.EnableBuffering();
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // An unreadable form has no key; the page refuses it as it would without one.
            context.Request.Body.Position = 0;
            return null;
        }

        context.Request.Body.Position = 0;
        var field = form[FormField];
        return field.Count switch
        {
            0 => null,
            1 => field[0] ?? "",
            _ => "",
        };
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, string target)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {target}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Records the key as running and returns null, or returns the record another request made first.</summary>
    private async Task<IdempotentRequest?> ClaimAsync(Guid userId, string key, string method, string target, string fingerprint)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var now = clock.GetUtcNow();
        var existing = await db.Set<IdempotentRequest>().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, CancellationToken.None);
        if (existing is not null)
        {
            // Unfinished for too long: its host died before recording the answer, so the key runs again.
            if (existing.CompletedAt is null && existing.Fingerprint == fingerprint && now - existing.StartedAt >= AbandonedAfter)
            {
                var taken = await db.Set<IdempotentRequest>()
                    .Where(r => r.UserId == userId && r.Key == key && r.CompletedAt == null && r.StartedAt == existing.StartedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, now), CancellationToken.None);
                if (taken == 1)
                {
                    LogTakenOver(logger, key, existing.StartedAt);
                    return null;
                }
            }

            return existing;
        }

        db.Add(new IdempotentRequest { UserId = userId, Key = key, Method = method, Target = target, Fingerprint = fingerprint, StartedAt = now });
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }
        catch (DbUpdateException)
        {
            // Another host recorded the same key first.
            db.ChangeTracker.Clear();
            return await db.Set<IdempotentRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, CancellationToken.None)
                ?? throw new InvalidOperationException($"The idempotency key '{key}' could not be recorded, nor found.");
        }
    }

    private async Task RunAndRecordAsync(HttpContext context, Guid userId, string key)
    {
        // The work goes on if the client leaves: a repeat with the key gets its answer.
        context.RequestAborted = CancellationToken.None;
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await ForgetAsync(userId, key);
            throw;
        }

        context.Response.Body = original;
        var status = context.Response.StatusCode;
        var kept = (context.Request.Path.StartsWithSegments("/api") ? status is >= 200 and < 300 : status is >= 300 and < 400) && buffer.Length <= MaxStoredBody;
        if (kept)
        {
            await RecordAsync(userId, key, status, context.Response.ContentType, context.Response.Headers.Location.ToString(), buffer.ToArray());
        }
        else
        {
            await ForgetAsync(userId, key);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotentRequest first)
    {
        if (first.Method != context.Request.Method || first.Target != $"{context.Request.Path}{context.Request.QueryString}"
            || first.Fingerprint != await FingerprintAsync(context.Request, first.Target))
        {
            await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                $"This {Header} was already used for another request; use a new key for a new request.");
            return;
        }

        if (first.CompletedAt is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, StatusCodes.Status409Conflict, "Request still running",
                $"A request with this {Header} is still running; send it again in a moment.");
            return;
        }

        context.Response.StatusCode = first.StatusCode ?? StatusCodes.Status200OK;
        context.Response.Headers[ReplayedHeader] = "true";
        if (!string.IsNullOrEmpty(first.ContentType))
        {
            context.Response.ContentType = first.ContentType;
        }

        if (!string.IsNullOrEmpty(first.Location))
        {
            context.Response.Headers.Location = first.Location;
        }

        if (first.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task RecordAsync(Guid userId, string key, int status, string? contentType, string? location, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var now = clock.GetUtcNow();
        await db.Set<IdempotentRequest>()
            .Where(r => r.UserId == userId && r.Key == key)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, string.IsNullOrEmpty(location) ? null : location)
                    .SetProperty(r => r.Body, body),
                CancellationToken.None);
    }

    private async Task ForgetAsync(Guid userId, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        await db.Set<IdempotentRequest>().Where(r => r.UserId == userId && r.Key == key && r.CompletedAt == null)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>Problem details for the API; a page gets the status page of the code.</summary>
    private static Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        if (!RequestKind.IsApi(context))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        return TypedResults.Problem(
            title: title,
            detail: detail,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = [detail] } })
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} was left unfinished at {StartedAt}; running its request again")]
    private static partial void LogTakenOver(ILogger logger, string key, DateTimeOffset startedAt);
}
