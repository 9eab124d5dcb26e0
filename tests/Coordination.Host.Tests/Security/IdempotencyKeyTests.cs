using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Security;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A request sent twice with one idempotency key does its work once: a client retrying after a
/// timeout, or a reporter clicking "Raise" twice, raises one concern, and the repeat gets the
/// first answer again.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private const string Teacher = CaseJourney.Teacher;

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_concern_sent_again_with_the_same_key_is_raised_once_and_the_repeat_gets_the_first_answer(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "idempotency-api");
        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(users, Teacher, key, ConcernRequests.Concern());
        using var again = await SendAsync(users, Teacher, key, ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(first.Headers.Contains(IdempotentRequests.ReplayedHeader));
        Assert.Equal("true", Assert.Single(again.Headers.GetValues(IdempotentRequests.ReplayedHeader)));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var raised = await IdOfAsync(first);
        Assert.Equal(raised, await IdOfAsync(again));
        Assert.Equal(1, await ConcernCountAsync(host));

        // Another request under the same key is refused, naming the header; nothing is raised.
        using var other = await SendAsync(users, Teacher, key, ConcernRequests.Concern(description: "Another worry altogether."));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.True((await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(IdempotentRequests.Header, out _));

        // Another user's same key is another request.
        using var colleague = await SendAsync(users, "school.manager@alvby.demo", key, ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.Created, colleague.StatusCode);
        Assert.NotEqual(raised, await IdOfAsync(colleague));
        Assert.Equal(2, await ConcernCountAsync(host));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Five_copies_sent_at_once_raise_one_concern_and_all_get_its_answer(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "idempotency-race");
        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();
        await users.TokenAsync(Teacher);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(users, Teacher, key, ConcernRequests.Concern())));
        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Single((await Task.WhenAll(responses.Select(IdOfAsync))).Distinct());
            Assert.Equal(1, await ConcernCountAsync(host));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    /// <summary>
    /// A password link is shown once and only its hash is stored (ADR 0018). Before, an answer
    /// carrying one, sent with an idempotency key, was kept whole for the key's day and given again
    /// to a repeat: the secret sat in the database beside its hash.
    /// </summary>
    [Fact]
    public async Task An_answer_with_a_password_link_is_not_kept_under_its_key_and_a_repeat_is_told_it_was_done()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/users";
        var staff = await host.UserIdAsync("school.staff@alvby.demo");
        async Task<HttpResponseMessage> SendWithKeyAsync(string address, object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", await users.TokenAsync("school.administrator@alvby.demo"));
            request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
            return await users.Client.SendAsync(request);
        }

        var linkKey = Guid.NewGuid().ToString();
        var createKey = Guid.NewGuid().ToString();
        using var link = await SendWithKeyAsync($"{path}/{staff}/password-link", new { }, linkKey);
        using var created = await SendWithKeyAsync(path, new { displayName = "Rut Rydberg", email = "rut@alvby.demo", agencyKind = "School", role = "Staff" }, createKey);
        var secrets = new[]
        {
            (await ApiUsers.JsonAsync(link, HttpStatusCode.OK)).GetProperty("address").GetString()!,
            (await ApiUsers.JsonAsync(created, HttpStatusCode.Created)).GetProperty("passwordLink").GetProperty("address").GetString()!,
        }.Select(a => a[(a.IndexOf("token=", StringComparison.Ordinal) + 6)..]).ToList();

        var kept = await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().AsNoTracking().ToListAsync());
        Assert.Equal(2, kept.Count);
        Assert.All(kept, r => Assert.NotNull(r.CompletedAt));
        Assert.All(kept, r => Assert.Null(r.Body));
        var stored = string.Join("\n", kept.Select(r => r.Location));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, stored, StringComparison.Ordinal));

        // A repeat runs nothing again (no second link, no second account) and gets no secret.
        using var repeat = await SendWithKeyAsync($"{path}/{staff}/password-link", new { }, linkKey);
        var told = await ApiUsers.JsonAsync(repeat, HttpStatusCode.Conflict);
        Assert.Equal("Request already done", told.GetProperty("title").GetString());
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<PasswordLink>().CountAsync(l => l.UserId == staff)));
    }

    [Fact]
    public async Task A_refused_request_keeps_no_answer_so_the_corrected_one_goes_through_under_the_same_key()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();

        using var refused = await SendAsync(users, Teacher, key, ConcernRequests.Concern(personnummer: "20120315-1237"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var corrected = await SendAsync(users, Teacher, key, ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1, await ConcernCountAsync(host));

        // A key that is not 1-100 visible ASCII characters is refused before anything runs.
        using var unreadable = await SendAsync(users, Teacher, new string('k', IdempotentRequest.KeyMaxLength + 1), ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.True((await unreadable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(IdempotentRequests.Header, out _));
        Assert.Equal(1, await ConcernCountAsync(host));

        // Kept a day, then removed.
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().CountAsync()));
        host.Clock.Advance(IdempotentRequest.Retention + TimeSpan.FromMinutes(1));
        var cleanup = host.Services.GetServices<IHostedService>().OfType<IdempotentRequestCleanup>().Single();
        Assert.Equal(1, await cleanup.RemoveExpiredAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_key_left_unfinished_by_a_host_that_stopped_holds_repeats_off_with_409_then_runs_again()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();
        using (var first = await SendAsync(users, Teacher, key, ConcernRequests.Concern()))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // As if the host running the first had stopped before recording its answer (the row it
        // leaves is one another host sees while that host still runs it).
        await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null).SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.Body, (byte[]?)null)));
        using (var meanwhile = await SendAsync(users, Teacher, key, ConcernRequests.Concern()))
        {
            Assert.Equal(HttpStatusCode.Conflict, meanwhile.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), meanwhile.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(1, await ConcernCountAsync(host));

        // Once it has been unfinished for AbandonedAfter, the key runs again.
        host.Clock.Advance(IdempotentRequests.AbandonedAfter);
        using var later = await SendAsync(users, Teacher, key, ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.False(later.Headers.Contains(IdempotentRequests.ReplayedHeader));
    }

    [Fact]
    public async Task An_answer_is_not_given_again_once_the_users_access_has_changed()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();
        using (var first = await SendAsync(users, Teacher, key, ConcernRequests.Concern()))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // The teacher's memberships change (a new security stamp); signed in again, the old key gets no answer.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<CoordinationUser>>();
            Assert.True((await manager.UpdateSecurityStampAsync((await manager.FindByEmailAsync(Teacher))!)).Succeeded);
        }

        host.Clock.Advance(TimeSpan.FromHours(1));
        using var again = await SendAsync(users, Teacher, key, ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(again.Headers.Contains(IdempotentRequests.ReplayedHeader));
        Assert.Equal("Idempotency key from before an access change", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(1, await ConcernCountAsync(host));
    }

    [Fact]
    public async Task Signing_out_twice_with_one_form_key_signs_out_both_times_since_its_cookie_must_be_sent_again()
    {
        await using var host = SecurityHost.OnSqlite();

        // A browser that sends the same cookies twice, as on a double click.
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        using (var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = Teacher, password = ApiUsers.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
            Keep(signIn, cookies);
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/Tasks");
        get.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        using var shown = await browser.SendAsync(get);
        Keep(shown, cookies);
        var page = await shown.Content.ReadAsStringAsync();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", RaiseForm.Token(page)),
            new(IdempotentRequests.FormField, Guid.NewGuid().ToString("N")),
        };
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/SignOut") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            using var signOut = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.False(signOut.Headers.Contains(IdempotentRequests.ReplayedHeader));
            Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("coordination=;", StringComparison.Ordinal));
        }

        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().CountAsync()));
    }

    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = cookie.Split(';')[0];
            cookies[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
    }

    [Fact]
    public async Task A_user_with_too_many_keys_in_a_day_is_refused_with_429_and_nothing_is_done()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var teacher = await host.UserIdAsync(Teacher);
        await host.WithDatabaseAsync(async db =>
        {
            db.AddRange(Enumerable.Range(0, IdempotentRequests.MaxKeysPerUser).Select(i => new IdempotentRequest
            {
                UserId = teacher, Key = $"old-{i}", Method = "POST", Target = "/api/concerns", Fingerprint = new string('0', 64), Access = new string('0', 64),
                StartedAt = host.Clock.GetUtcNow(), CompletedAt = host.Clock.GetUtcNow(), StatusCode = 201,
            }));
            return await db.SaveChangesAsync();
        });

        using var refused = await SendAsync(users, Teacher, Guid.NewGuid().ToString(), ConcernRequests.Concern());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(0, await ConcernCountAsync(host));
    }

    [Fact]
    public async Task The_raise_form_sent_twice_raises_one_concern_and_both_land_on_it()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(Teacher, allowAutoRedirect: false);

        var fields = await RaiseForm.FilledAsync(browser);
        Assert.Matches("^[0-9a-f]{32}$", fields[1].Value);

        // A double click: the second arrives while the first runs, and both get its redirect.
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => browser.PostAsync("/Concerns/Raise", new FormUrlEncodedContent(fields))));
        using var once = sent[0];
        using var twice = sent[1];
        Assert.Equal(HttpStatusCode.Redirect, once.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Equal(once.Headers.Location, twice.Headers.Location);
        Assert.Equal(1, await ConcernCountAsync(host));

        // The page shown again draws a new key: a second concern is a new request.
        Assert.NotEqual(fields[1].Value, RaiseForm.Key(await browser.GetStringAsync(RaiseForm.Page)));
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiUsers users, string user, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/concerns") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", await users.TokenAsync(user));
        request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
        return await users.Client.SendAsync(request);
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static Task<int> ConcernCountAsync(SecurityHost host) => host.WithDatabaseAsync(db => db.Set<Concern>().CountAsync());
}
