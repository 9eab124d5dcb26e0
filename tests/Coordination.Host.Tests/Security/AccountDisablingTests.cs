using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// An administrator disables the account of someone who left the agency, or whose account was
/// compromised (<c>POST /api/municipalities/{id}/users/{userId}/disable</c>, <c>…/enable</c>, or the
/// users page), with a reason for the audit log: its sessions and tokens end at its next request,
/// it cannot sign in or use a password link, and it is told no more than a wrong password is told.
/// Enabled again, it signs in as before. The same rules as ending a lockout decide who may.
/// </summary>
public sealed class AccountDisablingTests
{
    private const string Administrator = "school.administrator@alvby.demo";
    private const string Staff = "school.staff@alvby.demo";
    private const string NewPassword = "Ny-Kollega-2026!x";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Disabling_ends_the_open_session_and_tokens_at_once_and_enabling_lets_the_user_sign_in_again(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "disable-accounts");
        var alvby = await host.MunicipalityIdAsync("9901");
        var staff = await host.UserIdAsync(Staff);
        var path = $"/api/municipalities/{alvby}/users";
        using var users = new ApiUsers(host);

        // The user has a browser session and an API token with its refresh token, all working.
        using var browser = await users.BrowserAsync(Staff, allowAutoRedirect: false);
        using var api = host.CreateClient(new() { AllowAutoRedirect = false });
        var (access, refresh) = await TokensAsync(api, Staff, ApiUsers.Password);
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(api, "/api/me", access));

        var disabled = await users.PostJsonAsync(Administrator, $"{path}/{staff}/disable", new { reason = "Left the school on 30 November" }, HttpStatusCode.OK);
        Assert.Equal("Disabled", disabled.GetProperty("status").GetString());

        // The very next request of each is refused, and the refresh token gives no new token.
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(browser, "/api/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(api, "/api/me", access));
        using (var refreshed = await api.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        }

        // Signing in with the right password is answered exactly as a wrong password of an active account is.
        var wrongPassword = await SignInProblemAsync(api, "/api/auth/token", "school.manager@alvby.demo", "not-the-password-1");
        Assert.Equal(wrongPassword, await SignInProblemAsync(api, "/api/auth/token", Staff, ApiUsers.Password));
        Assert.Equal(wrongPassword, await SignInProblemAsync(api, "/api/auth/signin", Staff, ApiUsers.Password));
        var form = await WebSignInAsync(host, Staff, ApiUsers.Password);
        Assert.Contains("E-postadressen eller lösenordet är fel.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("låst", form, StringComparison.Ordinal);

        // Listed as disabled, and found by the status filter.
        var listed = Assert.Single((await users.GetJsonAsync(Administrator, $"{path}?search={Staff}")).EnumerateArray());
        Assert.Equal("Disabled", listed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("disabledAt").ValueKind);
        Assert.Equal([Staff], (await users.GetJsonAsync(Administrator, $"{path}?status=Disabled")).EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        Assert.DoesNotContain(Staff, (await users.GetJsonAsync(Administrator, $"{path}?status=Active")).EnumerateArray().Select(u => u.GetProperty("email").GetString()));

        // Enabled again, the user signs in with the password they had.
        var enabled = await users.PostJsonAsync(Administrator, $"{path}/{staff}/enable", new { reason = "Came back from leave" }, HttpStatusCode.OK);
        Assert.Equal("Active", enabled.GetProperty("status").GetString());
        var (again, _) = await TokensAsync(api, Staff, ApiUsers.Password);
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(api, "/api/me", again));
        Assert.Equal("Active", Assert.Single((await users.GetJsonAsync(Administrator, $"{path}?search={Staff}")).EnumerateArray()).GetProperty("status").GetString());

        // Both are in the audit log with the administrator and the reason; the refused sign-ins say why, for the auditors only.
        var entries = (await host.AuditAsync(AuditAction.UserChanged)).Where(e => e.SubjectId == staff.ToString()).ToList();
        Assert.Collection(
            entries,
            e =>
            {
                Assert.Equal((Administrator, alvby), (e.Actor, e.MunicipalityId));
                Assert.StartsWith($"disabled the account {Staff}", e.Detail, StringComparison.Ordinal);
                Assert.EndsWith(": Left the school on 30 November", e.Detail, StringComparison.Ordinal);
            },
            e =>
            {
                Assert.Equal((Administrator, alvby), (e.Actor, e.MunicipalityId));
                Assert.StartsWith($"enabled the account {Staff}", e.Detail, StringComparison.Ordinal);
                Assert.EndsWith(": Came back from leave", e.Detail, StringComparison.Ordinal);
            });
        Assert.Equal(3, (await host.AuditAsync(AuditAction.SignInFailed)).Count(e => e.Actor == Staff && e.Detail.EndsWith("account disabled", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Disabling_removes_the_open_password_link_and_no_new_one_is_issued_until_the_account_is_enabled()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        var staff = await host.UserIdAsync(Staff);
        var path = $"/api/municipalities/{alvby}/users/{staff}";
        using var users = new ApiUsers(host);
        using var anonymous = host.CreateClient(new() { AllowAutoRedirect = false });

        var link = (await users.PostJsonAsync(Administrator, $"{path}/password-link", new { }, HttpStatusCode.OK)).GetProperty("address").GetString()!;
        Assert.Contains("Välj lösenordet för kontot", await TextAsync(await anonymous.GetAsync(link)), StringComparison.Ordinal);

        await users.PostJsonAsync(Administrator, $"{path}/disable", new { reason = "Account compromised" }, HttpStatusCode.OK);

        // The link opens nothing and sets nothing; no new one is issued.
        Assert.Contains("Länken fungerar inte", await TextAsync(await anonymous.GetAsync(link)), StringComparison.Ordinal);
        Assert.Contains("Länken fungerar inte", await TextAsync(await SetPasswordAsync(anonymous, link, NewPassword)), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<PasswordLink>().CountAsync()));
        var refused = await users.PostJsonAsync(Administrator, $"{path}/password-link", new { }, HttpStatusCode.Conflict);
        Assert.Equal("Account disabled", refused.GetProperty("title").GetString());
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<PasswordLink>().CountAsync()));

        // Enabled, the old link stays gone; a new one sets a password that signs in.
        await users.PostJsonAsync(Administrator, $"{path}/enable", new { reason = "New password handed over in person" }, HttpStatusCode.OK);
        Assert.Contains("Länken fungerar inte", await TextAsync(await anonymous.GetAsync(link)), StringComparison.Ordinal);
        var fresh = (await users.PostJsonAsync(Administrator, $"{path}/password-link", new { }, HttpStatusCode.OK)).GetProperty("address").GetString()!;
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(anonymous, fresh, NewPassword)).StatusCode);
        var (access, _) = await TokensAsync(anonymous, Staff, NewPassword);
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(anonymous, "/api/me", access));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Only_an_administrator_of_the_users_agency_disables_it_never_their_own_and_a_bad_reason_is_named(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "disable-refusals");
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/users";
        using var users = new ApiUsers(host);
        var staff = $"{path}/{await host.UserIdAsync(Staff)}";
        var reason = new { reason = "Left the school" };

        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(Administrator, $"{path}/{await host.UserIdAsync(Administrator)}/disable", reason)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(Administrator, $"{path}/{await host.UserIdAsync("social.staff@alvby.demo")}/disable", reason)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync("school.manager@alvby.demo", $"{staff}/disable", reason)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync("school.administrator@sjostad.demo", $"{staff}/disable", reason)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync(Administrator, $"{path}/{Guid.NewGuid()}/disable", reason)).StatusCode);

        foreach (var body in new object[] { new { }, new { reason = "   " }, new { reason = new string('x', 501) } })
        {
            var wrong = await users.PostJsonAsync(Administrator, $"{staff}/disable", body, HttpStatusCode.BadRequest);
            Assert.Equal(["reason"], wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        // Nothing of it changed the account: it still signs in, and nothing was audited.
        Assert.Null(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Email == Staff).Select(u => u.DisabledAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await users.GetAsync(Staff, "/api/me")).StatusCode);
        Assert.Empty(await host.AuditAsync(AuditAction.UserChanged));

        // An active account is not enabled, a disabled one not disabled again; the police's administrator acts on the police's user.
        Assert.Equal("Not disabled", (await users.PostJsonAsync(Administrator, $"{staff}/enable", reason, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        await users.PostJsonAsync(Administrator, $"{staff}/disable", new { reason = new string('x', 500) }, HttpStatusCode.OK);
        Assert.Equal("Already disabled", (await users.PostJsonAsync(Administrator, $"{staff}/disable", reason, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync("police.administrator@alvby.demo", $"{staff}/enable", reason)).StatusCode);
        await users.PostJsonAsync("police.administrator@alvby.demo", $"{path}/{await host.UserIdAsync("police.staff@alvby.demo")}/disable", reason, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_task_a_disabled_user_held_is_counted_for_the_administrator_and_its_manager_sees_and_reassigns_it()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        using var users = new ApiUsers(host);
        var police = await host.UserIdAsync("police.staff@alvby.demo");
        var concern = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, concern, "Police");
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == concern && t.Kind == AgencyTaskKind.JointWork), "the police task offered");
        var task = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == concern && t.Kind == AgencyTaskKind.JointWork).Select(t => t.CorrelationId).SingleAsync());
        await users.PostJsonAsync("police.staff@alvby.demo", $"/api/tasks/{task}/claim", new { }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.OwnerUserId == police), "the task claimed");

        var disabled = await users.PostJsonAsync("police.administrator@alvby.demo", $"/api/municipalities/{alvby}/users/{police}/disable", new { reason = "Moved to another police area" }, HttpStatusCode.OK);
        Assert.Equal(1, disabled.GetProperty("openTasks").GetInt32());

        // Overdue, it is on the police manager's dashboard as the disabled user's, to be given to someone else.
        var due = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.DueAt).SingleAsync());
        host.Clock.AdvanceTo(due + TimeSpan.FromHours(1));
        var name = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == police).Select(u => u.DisplayName).SingleAsync());
        using (var manager = await users.BrowserAsync("police.manager@alvby.demo"))
        {
            var dashboard = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/Dashboard"));
            Assert.Contains($"{name} (kan inte längre tilldelas", dashboard, StringComparison.Ordinal);
        }

        // The police manager sees whose it is in the agency's queue, and gives it to a colleague.
        var queued = Assert.Single((await users.GetJsonAsync("police.manager@alvby.demo", "/api/tasks/queue")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == task);
        Assert.Equal(police, queued.GetProperty("ownerUserId").GetGuid());
        var coordinator = await host.UserIdAsync("police.coordinator@alvby.demo");
        await users.PostJsonAsync("police.manager@alvby.demo", $"/api/tasks/{task}/reassign", new { userId = coordinator }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.OwnerUserId == coordinator), "the task the coordinator's");

        // Nor is work given back to the disabled account: naming it is refused at the field.
        var refused = await users.PostJsonAsync("police.manager@alvby.demo", $"/api/tasks/{task}/reassign", new { userId = police }, HttpStatusCode.BadRequest);
        Assert.Contains("not disabled", refused.GetProperty("errors").GetProperty("userId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_page_disables_an_account_with_a_reason_named_at_its_row_and_enables_it_again()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        var staff = await host.UserIdAsync(Staff);
        using var users = new ApiUsers(host);
        using var admin = await users.BrowserAsync(Administrator, allowAutoRedirect: false);
        var page = $"/Admin/Users?municipalityId={alvby}";

        // Offered on the rows the administrator may act on; not on their own.
        var list = await TextAsync(await admin.GetAsync(page));
        Assert.Matches(DisableForm(staff), list);
        Assert.DoesNotMatch(DisableForm(await host.UserIdAsync(Administrator)), list);

        var missing = await TextAsync(await PostRowAsync(admin, page, "Disable", alvby, staff, ""));
        Assert.Contains($"<li><a href=\"#reason-{staff:N}\">Skriv varför, för loggen.</a></li>", missing, StringComparison.Ordinal);
        Assert.Null(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == staff).Select(u => u.DisabledAt).SingleAsync()));

        var done = await TextAsync(await PostRowAsync(admin, page, "Disable", alvby, staff, "Slutat på skolan"));
        var name = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == staff).Select(u => u.DisplayName).SingleAsync());
        Assert.Contains($"Kontot för {name} är avstängt", done, StringComparison.Ordinal);
        Assert.Contains("Avstängt sedan", done, StringComparison.Ordinal);
        Assert.NotNull(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == staff).Select(u => u.DisabledAt).SingleAsync()));

        var disabledOnly = await TextAsync(await admin.GetAsync(page + "&status=Disabled"));
        Assert.Contains("id=\"users-count\">Visar 1 av", disabledOnly, StringComparison.Ordinal);
        Assert.Contains("Öppna kontot igen", disabledOnly, StringComparison.Ordinal);

        var enabled = await TextAsync(await PostRowAsync(admin, page, "Enable", alvby, staff, "Tillbaka"));
        Assert.Contains("är öppnat igen", enabled, StringComparison.Ordinal);
        Assert.Null(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == staff).Select(u => u.DisabledAt).SingleAsync()));
    }

    [Theory]
    [InlineData("a vertical tab pasted from a word processor", "Slutade på skolan\v30 november, \"enligt rektorn\" & <personalenheten>", "Texten får inte innehålla styrtecken")]
    [InlineData("one character too many", "Slutade på skolan 30 november, \"enligt rektorn\" & <personalenheten> ", "Högst 500 tecken.")]
    public async Task A_refused_disable_reason_is_shown_again_as_typed_with_the_error_at_its_field(string what, string typed, string error)
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        var staff = await host.UserIdAsync(Staff);
        using var users = new ApiUsers(host);
        using var admin = await users.BrowserAsync(Administrator, allowAutoRedirect: false);
        var page = $"/Admin/Users?municipalityId={alvby}";
        if (what == "one character too many")
        {
            typed += new string('x', 501 - typed.Trim().Length);
        }

        // Refused, and the administrator corrects what they wrote instead of writing it again.
        var refused = await (await PostRowAsync(admin, page, "Disable", alvby, staff, typed)).Content.ReadAsStringAsync();
        var field = Regex.Match(refused, $"<div class=\"inline-field field-error\">(?:(?!</div>).)*id=\"reason-{staff:N}\"(?:(?!</div>).)*</div>", RegexOptions.Singleline);
        Assert.True(field.Success, $"{what}: the reason field of the user's row, marked as wrong");
        Assert.Contains(error, WebUtility.HtmlDecode(field.Value), StringComparison.Ordinal);
        Assert.Equal(typed, WebUtility.HtmlDecode(Regex.Match(field.Value, "<input[^>]*\\svalue=\"([^\"]*)\"").Groups[1].Value));
        Assert.Contains($"<a href=\"#reason-{staff:N}\">{error}", WebUtility.HtmlDecode(refused), StringComparison.Ordinal);
        Assert.Null(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == staff).Select(u => u.DisabledAt).SingleAsync()));
    }

    /// <summary>A row's disable form, for the user: the handler and the user in its address, in either order.</summary>
    private static string DisableForm(Guid user) =>
        $"action=\"[^\"]*(handler=Disable[^\"]*userId={user}|userId={user}[^\"]*handler=Disable)";

    private static async Task<HttpResponseMessage> PostRowAsync(HttpClient admin, string page, string handler, Guid municipality, Guid user, string reason)
    {
        var token = await PageForms.AntiforgeryTokenAsync(admin, page);
        return await PageForms.PostAsync(admin, $"/Admin/Users?handler={handler}&municipalityId={municipality}&userId={user}", token, [new("reason", reason)]);
    }

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpClient client, string email, string password)
    {
        using var answer = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var json = await ApiUsers.JsonAsync(answer, HttpStatusCode.OK);
        return (json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>The status, title and detail of a refused API sign-in.</summary>
    private static async Task<(HttpStatusCode, string?, string?)> SignInProblemAsync(HttpClient client, string path, string email, string password)
    {
        using var answer = await client.PostAsJsonAsync(path, new { email, password });
        var json = answer.StatusCode == HttpStatusCode.NoContent ? default : await answer.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.StatusCode, Text(json, "title"), Text(json, "detail"));
    }

    private static string? Text(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) ? value.GetString() : null;

    private static async Task<string> WebSignInAsync(SecurityHost host, string email, string password)
    {
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn");
        using var answer = await PageForms.PostAsync(browser, "/Account/SignIn", token, [new("Input.Email", email), new("Input.Password", password)]);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await TextAsync(answer);
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password)
    {
        var token = await PageForms.AntiforgeryTokenAsync(client, "/Account/SignIn");
        var secret = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        return await PageForms.PostAsync(client, "/Account/SetPassword", token, [new("Token", secret), new("Input.Password", password), new("Input.Repeat", password)]);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
