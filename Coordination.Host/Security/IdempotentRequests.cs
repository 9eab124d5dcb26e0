using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Requests;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Security;

/// <summary>
/// Does a request's work once however often it is sent, when it carries a key: an API client's
/// <c>Idempotency-Key</c> header, or the hidden <see cref="FormField"/> every page form carries
/// (<see cref="IdempotencyKeyTagHelper"/>), so a double click or a retry after a timeout does not
/// raise a concern twice. The first request with a key is recorded before it runs
/// (<see cref="IdempotentRequest"/>, one row per user and key) and its response after; a repeat
/// with the same key and the same request gets that response again (with
/// <c>Idempotent-Replayed: true</c>), one with another request 422, one while the first still
/// runs on another host 409, and one after the user's access changed (a new security stamp) 409
/// too: an answer is given again only to the access it was given to. On the same host a repeat
/// waits for the first. A page form refused so is shown a status page saying which of these
/// happened (<see cref="StatusPageReason"/>), not the generic error page. Only success is
/// recorded (2xx from the API, a redirect from a page form other than to sign-in): after a refusal
/// or an error the same key may be sent again. A request with a key runs to its end even if the
/// client goes away, since a browser abandons its first request on a double click and shows the
/// second's answer.
/// </summary>
/// <remarks>
/// Not recorded: <c>/api/auth</c> and the <c>/Account</c> pages (sign-in and out, language,
/// second factor, password: their answers set cookies, which a repeat must set again), and any answer that
/// sets a cookie other than the renewal of the sign-in cookie. The record and the request's own
/// work are separate transactions: a host that dies between the two leaves the record unfinished,
/// and after <see cref="AbandonedAfter"/> the same key runs again.
/// </remarks>
internal sealed partial class IdempotentRequests(
    RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity, ILogger<IdempotentRequests> logger)
{
    public const string Header = "Idempotency-Key";

    public const string FormField = "__IdempotencyKey";

    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long an unfinished record holds its key against repeats from other hosts: far longer than any request runs.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Keys a user may have recorded within <see cref="IdempotentRequest.Retention"/>; more is a 429.</summary>
    public const int MaxKeysPerUser = 5000;

    /// <summary>Responses larger than this are not kept: a repeat is told the work was done, not given the answer again.</summary>
    private const int MaxStoredBody = 256 * 1024;

    private const string SignInCookie = "coordination=";

    /// <summary>The <see cref="HttpContext.Items"/> key of <see cref="KeepNoAnswer"/>.</summary>
    private static readonly object NoAnswerKept = new();

    /// <summary>
    /// Tells the middleware not to keep this request's answer, because it carries a secret shown
    /// once (a one-time password link, of which only the hash is stored anywhere): the key is
    /// recorded as done without it, so a repeat is told the work was done and is not given the
    /// secret again, and the secret is not kept in the database for the key's retention.
    /// </summary>
    public static void KeepNoAnswer(HttpContext context) => context.Items[NoAnswerKept] = true;

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
        var access = AccessOf(context.User);

        // Requests with one key take turns on this host: each waits for the one before it, then
        // finds its answer recorded (or, if it was refused, runs itself).
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (running.GetOrAdd((userId, key), mine) is var before && before != mine)
        {
            await before.Task.WaitAsync(context.RequestAborted);
        }

        try
        {
            var claim = await ClaimAsync(userId, key, context.Request.Method, target, fingerprint, access);
            if (claim.TooMany)
            {
                context.Response.Headers.RetryAfter = "3600";
                await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many idempotency keys",
                    $"You have sent {MaxKeysPerUser} requests with an {Header} within a day; send this one without a key, or later.");
                return;
            }

            if (claim.First is { } first)
            {
                await AnswerRepeatAsync(context, first, fingerprint, access);
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

    /// <summary>A changing request by a signed-in user, not about the session itself, and not a re-run of a failed request to show its status or error page.</summary>
    private static bool IsCandidate(HttpContext context) =>
        (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)
            || HttpMethods.IsPatch(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
        && context.User.Identity?.IsAuthenticated == true
        && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out _)
        && !context.Request.Path.StartsWithSegments("/api/auth")
        && !context.Request.Path.StartsWithSegments("/Account")
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

    /// <summary>The user's security stamp, hashed: an answer is replayed only to the access it was given to.</summary>
    private string AccessOf(ClaimsPrincipal user) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "")));

    /// <summary>What recording a key found: nothing before it (the request runs), the record another request made first, or too many keys.</summary>
    private readonly record struct KeyClaim(IdempotentRequest? First, bool TooMany);

    /// <summary>Records the key as running, or returns the record another request made first.</summary>
    private async Task<KeyClaim> ClaimAsync(Guid userId, string key, string method, string target, string fingerprint, string access)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var now = clock.GetUtcNow();
        var existing = await db.Set<IdempotentRequest>().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, CancellationToken.None);
        if (existing is not null)
        {
            // Unfinished for too long: its host died before recording the answer, so the key runs again.
            if (existing.CompletedAt is null && existing.Fingerprint == fingerprint && existing.Access == access && now - existing.StartedAt >= AbandonedAfter)
            {
                var taken = await db.Set<IdempotentRequest>()
                    .Where(r => r.UserId == userId && r.Key == key && r.CompletedAt == null && r.StartedAt == existing.StartedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, now), CancellationToken.None);
                if (taken == 1)
                {
                    LogTakenOver(logger, key, existing.StartedAt);
                    return new KeyClaim(null, false);
                }
            }

            return new KeyClaim(existing, false);
        }

        if (await db.Set<IdempotentRequest>().CountAsync(r => r.UserId == userId, CancellationToken.None) >= MaxKeysPerUser)
        {
            return new KeyClaim(null, true);
        }

        db.Add(new IdempotentRequest { UserId = userId, Key = key, Method = method, Target = target, Fingerprint = fingerprint, Access = access, StartedAt = now });
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return new KeyClaim(null, false);
        }
        catch (DbUpdateException)
        {
            // Another host recorded the same key first.
            db.ChangeTracker.Clear();
            return new KeyClaim(
                await db.Set<IdempotentRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, CancellationToken.None)
                    ?? throw new InvalidOperationException($"The idempotency key '{key}' could not be recorded, nor found."),
                false);
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
        var response = context.Response;
        var location = response.Headers.Location.ToString();
        if (!Succeeded(context))
        {
            await ForgetAsync(userId, key);
        }
        else if (!context.Items.ContainsKey(NoAnswerKept) && buffer.Length <= MaxStoredBody && location.Length <= IdempotentRequest.TargetMaxLength)
        {
            await RecordAsync(userId, key, response.StatusCode, response.ContentType, location, buffer.ToArray());
        }
        else
        {
            // Done, but its answer is too large to keep or holds a secret: a repeat is told so instead of running it again.
            await RecordAsync(userId, key, null, null, null, null);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    /// <summary>
    /// Whether the request did its work, so that a repeat must not: a 2xx from the API, a redirect
    /// from a page (not to sign-in, where a refused page sends the browser), and no cookie set but
    /// the renewal of the sign-in cookie, since a replay does not set it again.
    /// </summary>
    private static bool Succeeded(HttpContext context)
    {
        var response = context.Response;
        var done = context.Request.Path.StartsWithSegments("/api")
            ? response.StatusCode is >= 200 and < 300
            : response.StatusCode is >= 300 and < 400 && !response.Headers.Location.ToString().Contains("/Account/", StringComparison.OrdinalIgnoreCase);
        return done && response.Headers.SetCookie.All(c => c is not null && c.StartsWith(SignInCookie, StringComparison.Ordinal) && !c.StartsWith(SignInCookie + ";", StringComparison.Ordinal));
    }

    /// <summary>A repeat's answer. The fingerprint covers the method and address as well as the body.</summary>
    private static async Task AnswerRepeatAsync(HttpContext context, IdempotentRequest first, string fingerprint, string access)
    {
        if (first.Fingerprint != fingerprint)
        {
            await RefuseAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                $"This {Header} was already used for another request; use a new key for a new request.",
                StatusPageReason.OtherContent);
            return;
        }

        if (first.Access != access)
        {
            await RefuseAsync(context, StatusCodes.Status409Conflict, "Idempotency key from before an access change",
                $"This {Header} was used before your memberships or credentials changed; its answer is not given again. Check whether the first request was done, and send a new request with a new key.",
                StatusPageReason.AccessChanged);
            return;
        }

        if (first.CompletedAt is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, StatusCodes.Status409Conflict, "Request still running",
                $"A request with this {Header} is still running; send it again in a moment.",
                StatusPageReason.StillRunning);
            return;
        }

        if (first.StatusCode is not { } status)
        {
            await RefuseAsync(context, StatusCodes.Status409Conflict, "Request already done",
                $"A request with this {Header} was done, but its answer was not kept (too large, or a secret shown once); read the result instead of sending it again.",
                StatusPageReason.AlreadyDone);
            return;
        }

        context.Response.StatusCode = status;
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

    /// <summary>
    /// Marks the key done with its answer (none when it was too large to keep or held a secret). A failure here is
    /// logged and the client still gets its answer; the record stays unfinished, so a repeat gets
    /// 409 until <see cref="AbandonedAfter"/>.
    /// </summary>
    private async Task RecordAsync(Guid userId, string key, int? status, string? contentType, string? location, byte[]? body)
    {
        try
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
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            LogNotRecorded(logger, key, e);
        }
    }

    private async Task ForgetAsync(Guid userId, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        await db.Set<IdempotentRequest>().Where(r => r.UserId == userId && r.Key == key && r.CompletedAt == null)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>
    /// Problem details for the API; a page gets the status page of the code, which says what
    /// happened when <paramref name="pageReason"/> names it (<c>Status.{pageReason}.*</c> in the
    /// web UI's texts) and leads back to the page the form was sent to.
    /// </summary>
    private static Task RefuseAsync(HttpContext context, int status, string title, string detail, string? pageReason = null)
    {
        if (!RequestKind.IsApi(context))
        {
            if (pageReason is not null)
            {
                context.Features.Set(StatusPageReason.Of(pageReason, context.Request));
            }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "The answer to the request with idempotency key {Key} was sent but could not be recorded; a repeat gets 409 until the key is taken over")]
    private static partial void LogNotRecorded(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} was left unfinished at {StartedAt}; running its request again")]
    private static partial void LogTakenOver(ILogger logger, string key, DateTimeOffset startedAt);
}
