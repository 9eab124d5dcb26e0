using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coordination.Host.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coordination.Host.Tests.Security;

/// <summary>The HTTP edge: headers, limits, token scopes, forged cross-site calls, client errors, logs.</summary>
public sealed class HardeningTests
{
    private const string Teacher = "school.staff@alvby.demo";

    private static readonly string[] ReadOnly = ["read"];

    private static readonly string[] Admin = ["admin"];

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);

        foreach (var path in new[] { "/health/live", "/api/me" })
        {
            using var response = await users.GetAsync(Teacher, path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_get_429_with_retry_after()
    {
        await using var host = SecurityHost.OnSqlite(new Dictionary<string, string> { ["Security:SignInPermitsPerMinute"] = "3" });
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@alvby.demo", password = "Wrong-Password-1!" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Web_sign_in_attempts_share_the_limit_with_the_api_and_over_it_get_the_too_many_attempts_page()
    {
        await using var host = SecurityHost.OnSqlite(new Dictionary<string, string> { ["Security:SignInPermitsPerMinute"] = "3" });
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        KeyValuePair<string, string>[] wrong = [new("Input.Email", Teacher), new("Input.Password", "Wrong-Password-1!")];

        // Opening the page does not count; each attempt does, on the API, the password page and the code page alike.
        using var api = await browser.PostAsJsonAsync("/api/auth/token", new { email = Teacher, password = "Wrong-Password-1!" });
        using var password = await PageForms.PostAsync(browser, "/Account/SignIn", await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn"), wrong);
        using var code = await PageForms.PostAsync(browser, "/Account/SignInCode", await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn"), [new("Code", "123456")]);
        using var limited = await PageForms.PostAsync(browser, "/Account/SignIn", await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn"), wrong);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests],
            [api.StatusCode, password.StatusCode, code.StatusCode, limited.StatusCode]);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("För många försök", WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);

        // The refused attempt never reached the password check: the API's and the page's failures are audited, no third.
        var failures = await host.WithDatabaseAsync(db => db.Set<Workflows.Audit.AuditEntry>().CountAsync(e => e.Action == Workflows.Audit.AuditAction.SignInFailed));
        Assert.Equal(2, failures);
    }

    [Fact]
    public async Task A_read_scoped_token_reads_but_cannot_change_anything()
    {
        await using var host = SecurityHost.OnSqlite();
        using var client = host.CreateClient();
        using var tokenResponse = await client.PostAsJsonAsync("/api/auth/token", new { email = Teacher, password = ApiUsers.Password, scopes = ReadOnly });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/concerns") { Content = JsonContent.Create(new { }) };
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(write)).StatusCode);

        using var unknownScope = await client.PostAsJsonAsync("/api/auth/token", new { email = Teacher, password = ApiUsers.Password, scopes = Admin });
        var problem = await ApiUsers.JsonAsync(unknownScope, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes[0]", out _));
    }

    [Fact]
    public async Task A_read_scoped_token_cannot_post_a_pages_form_while_a_write_token_and_the_browser_session_can()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var world = await WriteWorld.CreateAsync(host, users);
        var task = await world.PoliceTaskAsync();
        var claim = $"/Tasks?handler=Claim&id={task}";
        var accept = $"/Tasks?handler=Accept&id={task}";
        using var tokenResponse = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = SecurityWorld.Police, password = ApiUsers.Password, scopes = ReadOnly });
        var readToken = (await ApiUsers.JsonAsync(tokenResponse, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;

        // The read token opens the page, takes its antiforgery token and posts the form: refused, nothing changes.
        var antiforgery = await PageForms.AntiforgeryTokenAsync(users.Client, "/Tasks", readToken);
        using (var refused = await PageForms.PostAsync(users.Client, claim, antiforgery, [], readToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("'write' scope", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("Offered", await TaskStateAsync(host, task));

        // The browser session (cookie, no scopes) claims it as before.
        using (var browser = host.CreateClient(new() { AllowAutoRedirect = false }))
        {
            using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = SecurityWorld.Police, password = ApiUsers.Password });
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
            using var claimed = await PageForms.PostAsync(browser, claim, await PageForms.AntiforgeryTokenAsync(browser, "/Tasks"), []);
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.CurrentState == "Claimed"), "the task claimed through the page");

        // A write token (the default) posts forms as the API allows it to change records.
        var writeToken = await users.TokenAsync(SecurityWorld.Police);
        using var accepted = await PageForms.PostAsync(users.Client, accept, await PageForms.AntiforgeryTokenAsync(users.Client, "/Tasks", writeToken), [], writeToken);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.CurrentState == "Accepted"), "the task accepted through the page");
    }

    private static Task<string> TaskStateAsync(SecurityHost host, Guid task) =>
        host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.CurrentState).SingleAsync());

    [Fact]
    public async Task An_account_with_a_second_factor_gets_no_token_for_its_password_alone()
    {
        await using var host = SecurityHost.OnSqlite();
        using var client = host.CreateClient();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Workflows.Identity.CoordinationUser>>();
            var teacher = await accounts.FindByEmailAsync(Teacher);
            await accounts.SetTwoFactorEnabledAsync(teacher!, enabled: true);
        }

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = Teacher, password = ApiUsers.Password });

        var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Second factor required", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_change_sent_with_only_the_browser_cookie_is_refused_as_a_possible_forgery()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = host.CreateClient();
        using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = Teacher, password = ApiUsers.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);

        using var read = await browser.GetAsync(new Uri("/api/me", UriKind.Relative));
        using var forged = await browser.PostAsJsonAsync("/api/concerns", new { });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_and_unreadable_bodies_get_400_naming_the_field()
    {
        await using var host = SecurityHost.OnSqlite(new Dictionary<string, string> { ["Security:MaxRequestBodyBytes"] = "4096" });
        using var users = new ApiUsers(host);
        var huge = $"{{\"description\":\"{new string('a', 10_000)}\"}}";

        using var declared = await users.SendAsync(Teacher, HttpMethod.Post, "/api/concerns", new StringContent(huge, Encoding.UTF8, "application/json"));
        using var chunked = await users.SendAsync(Teacher, HttpMethod.Post, "/api/concerns", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        using var wrongType = await users.SendAsync(Teacher, HttpMethod.Post, "/api/concerns", new StringContent("{\"school\": 42}", Encoding.UTF8, "application/json"));
        using var unknown = await users.SendAsync(Teacher, HttpMethod.Post, "/api/concerns", new StringContent("{\"school\":\"S\",\"isAdmin\":true}", Encoding.UTF8, "application/json"));
        using var broken = await users.SendAsync(Teacher, HttpMethod.Post, "/api/concerns", new StringContent("{\"school\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.True((await ApiUsers.JsonAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("school", out _));
        Assert.True((await ApiUsers.JsonAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("isAdmin", out _));
        Assert.Single((await ApiUsers.JsonAsync(broken, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Personnummer_never_reach_the_logs()
    {
        Assert.Equal("young person [personnummer], org [personnummer], 2026-11-23", PersonnummerMask.Mask("young person 20120315-1236, org 556016-0680, 2026-11-23"));
        Assert.Equal("[personnummer] and [personnummer]", PersonnummerMask.Mask("1203151236 and 201203151236"));
        Assert.Equal("key 12345678-4074-9ee2-5920-123456781234 (\"[personnummer]\")", PersonnummerMask.Mask("key 12345678-4074-9ee2-5920-123456781234 (\"20120315-1236\")"));

        await using var host = SecurityHost.OnSqlite();
        var providers = host.Services.GetServices<ILoggerProvider>().ToList();
        Assert.NotEmpty(providers);
        Assert.All(providers.Where(p => p is not LogSink), p => Assert.IsType<MaskingLoggerProvider>(p));
    }
}
