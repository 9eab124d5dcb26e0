using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Identity;

public sealed class SignInTests(EmbeddedHostFactory host) : IClassFixture<EmbeddedHostFactory>
{
    private const string DemoPassword = "Demo-Samverkan-2026!";

    [Fact]
    public async Task A_demo_user_gets_a_bearer_token_that_opens_the_API()
    {
        using var client = host.CreateClient();

        using var tokenResponse = await client.PostAsJsonAsync("/api/auth/token", new { email = "police.staff@alvby.demo", password = DemoPassword });
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var me = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("police.staff@alvby.demo", body.GetProperty("email").GetString());
        // The police local area serves both demo municipalities.
        var municipalities = body.GetProperty("memberships").EnumerateArray().Select(m => m.GetProperty("municipality").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Sjöstad kommun (demo)", "Älvby kommun (demo)"], municipalities);
    }

    [Fact]
    public async Task A_browser_signs_in_with_a_cookie()
    {
        using var client = await SignedInWithCookieAsync("school.staff@alvby.demo");

        using var me = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task An_API_call_without_a_token_gets_401_not_a_redirect()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        using var me = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_signed_out_browser_opening_a_page_is_sent_to_the_sign_in_page_and_back()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        using var page = await client.GetAsync(new Uri("/Tasks?status=open", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/SignIn", page.Headers.Location!.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2FTasks%3Fstatus%3Dopen", page.Headers.Location.Query);
        using var signInPage = await client.GetAsync(page.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
    }

    [Fact]
    public async Task A_refused_or_missing_page_shows_a_page_that_says_so_while_the_API_keeps_problem_details()
    {
        using var client = await SignedInWithCookieAsync("school.staff@alvby.demo");

        // A school member may not open the operators' pages.
        using var refused = await client.GetAsync(new Uri("/Operations/Incidents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Ingen behörighet</h1>", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var missing = await client.GetAsync(new Uri("/No/Such/Page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<h1>Sidan finns inte</h1>", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var api = await client.GetAsync(new Uri("/api/operations/incidents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Setting_up_a_second_factor_renews_the_stamp_yet_keeps_the_user_signed_in_on_that_browser()
    {
        // Every request checks the cookie's security stamp; the Security page renews it and must re-issue the cookie.
        await using var own = Security.SecurityHost.OnSqlite();
        using var browser = own.CreateClient(new() { AllowAutoRedirect = false });
        using (var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = "school.staff@alvby.demo", password = DemoPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        var stamp = await own.WithDatabaseAsync(db => db.Users.Where(u => u.Email == "school.staff@alvby.demo").Select(u => u.SecurityStamp).SingleAsync());
        using var setUp = await Security.PageForms.PostAsync(browser, "/Account/Security?handler=Setup", await Security.PageForms.AntiforgeryTokenAsync(browser, "/Account/Security"), []);
        using var page = await browser.GetAsync(new Uri("/Account/Security", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);
        Assert.NotEqual(stamp, await own.WithDatabaseAsync(db => db.Users.Where(u => u.Email == "school.staff@alvby.demo").Select(u => u.SecurityStamp).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"shared-key\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_token_gets_401()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-forged-token");

        using var me = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused()
    {
        using var client = host.CreateClient();
        const string email = "leisure.staff@alvby.demo";

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "Wrong-password-1!" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Account locked", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Signing_in_without_a_password_names_the_field()
    {
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "school.staff@alvby.demo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    /// <summary>A client holding the sign-in cookie, as a browser would after the sign-in form.</summary>
    private async Task<HttpClient> SignedInWithCookieAsync(string email)
    {
        var client = host.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/auth/signin", new { email, password = DemoPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return client;
    }
}
