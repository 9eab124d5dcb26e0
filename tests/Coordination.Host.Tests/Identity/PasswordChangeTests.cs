using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Identity;

/// <summary>
/// A signed-in user changes their own password on <c>/Account/Password</c>, posted as a browser
/// posts the form: each problem at its field with nothing changed, or the new password in force,
/// this browser still signed in, the user's other sessions and tokens refused, one audit entry.
/// </summary>
public sealed partial class PasswordChangeTests
{
    private const string Page = "/Account/Password";
    private const string User = "school.staff@alvby.demo";
    private const string OldPassword = ApiUsers.Password;
    private const string NewPassword = "Ny-Samverkan-2027?";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_wrong_current_password_is_named_at_its_field_counts_as_a_failed_sign_in_and_the_old_password_still_works(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "password-wrong-current");
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var stamp = await StampAsync(host);

        var html = await RefusedAsync(browser, "Wrong-Password-2026!", NewPassword, NewPassword);

        Assert.Equal("Lösenordet stämmer inte. Skriv det lösenord du loggar in med.", ErrorAt(html, "CurrentPassword"));
        Assert.Null(ErrorAt(html, "NewPassword"));
        Assert.Null(ErrorAt(html, "RepeatPassword"));
        Assert.Contains("href=\"#Input_CurrentPassword\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Password-2026!", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, html, StringComparison.Ordinal);
        Assert.Equal(stamp, await StampAsync(host));
        Assert.Equal(1, await FailedCountAsync(host));
        Assert.Equal(["password change (web page): wrong current password"], (await host.AuditAsync(AuditAction.SignInFailed)).Select(e => e.Detail));
        Assert.Empty(await host.AuditAsync(AuditAction.PasswordChanged));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(users.Client, NewPassword));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(users.Client, OldPassword));
    }

    [Fact]
    public async Task A_new_password_breaking_the_rules_is_named_rule_by_rule_at_its_field_in_the_pages_language_and_nothing_changes()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var stamp = await StampAsync(host);

        var weak = await RefusedAsync(browser, OldPassword, "kort", "annat");
        Assert.Null(ErrorAt(weak, "CurrentPassword"));
        Assert.Equal(
            "Lösenordet måste vara minst 12 tecken långt. "
            + "Lösenordet måste innehålla minst ett tecken som inte är en bokstav eller siffra, till exempel ! eller -. "
            + "Lösenordet måste innehålla minst en siffra (0–9). "
            + "Lösenordet måste innehålla minst en stor bokstav (A–Z).",
            ErrorAt(weak, "NewPassword"));
        Assert.Equal("Lösenorden är inte lika. Skriv samma nya lösenord två gånger.", ErrorAt(weak, "RepeatPassword"));

        var same = await RefusedAsync(browser, OldPassword, OldPassword, OldPassword);
        Assert.Equal("Det nya lösenordet måste skilja sig från det nuvarande.", ErrorAt(same, "NewPassword"));
        Assert.Null(ErrorAt(same, "RepeatPassword"));

        var empty = await RefusedAsync(browser, "", "", "");
        Assert.Equal("Ange ditt nuvarande lösenord.", ErrorAt(empty, "CurrentPassword"));
        Assert.Equal("Ange ett nytt lösenord.", ErrorAt(empty, "NewPassword"));
        Assert.Equal("Skriv det nya lösenordet en gång till.", ErrorAt(empty, "RepeatPassword"));

        await ChooseLanguageAsync(browser, "en-GB");
        var english = await RefusedAsync(browser, OldPassword, "no-digits-or-capitals", "no-digits-or-capitals");
        Assert.Equal(
            "The password must contain at least one digit (0–9). The password must contain at least one upper-case letter (A–Z).",
            ErrorAt(english, "NewPassword"));
        Assert.Null(ErrorAt(english, "RepeatPassword"));

        Assert.Equal(stamp, await StampAsync(host));
        Assert.Equal(0, await FailedCountAsync(host));
        Assert.Empty(await host.AuditAsync(AuditAction.PasswordChanged));
        Assert.Empty(await host.AuditAsync(AuditAction.SignInFailed));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(users.Client, OldPassword));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_new_password_keeps_this_browser_signed_in_ends_the_users_other_sessions_and_tokens_and_is_audited(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "password-changed");
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        using var otherBrowser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var tokens = await SignInAsync(users.Client, OldPassword);
        var token = tokens.GetProperty("accessToken").GetString()!;
        var refreshToken = tokens.GetProperty("refreshToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(otherBrowser, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(users.Client, "/api/me", token));
        var userId = await host.UserIdAsync(User);
        var stamp = await StampAsync(host);
        var signIns = (await host.AuditAsync(AuditAction.SignInSucceeded)).Count;

        using var changed = await PostAsync(browser, OldPassword, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Security", changed.Headers.Location!.OriginalString);
        Assert.NotEqual(stamp, await StampAsync(host));
        using (var confirmation = await browser.GetAsync(new Uri("/Account/Security", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
            Assert.Contains("Ditt lösenord är bytt.", WebUtility.HtmlDecode(await confirmation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, "/api/me"));

        // Keeping this browser signed in renews its cookie; nobody signed in, so the audit log says nothing of a sign-in.
        Assert.Equal(signIns, (await host.AuditAsync(AuditAction.SignInSucceeded)).Count);

        // Every other session and token of the user is refused at its next request.
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(otherBrowser, "/api/me"));
        using (var page = await otherBrowser.GetAsync(new Uri("/Tasks", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/Account/SignIn", page.Headers.Location!.AbsolutePath);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(users.Client, "/api/me", token));
        using (var refreshed = await users.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(users.Client, OldPassword));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(users.Client, NewPassword));

        var entry = Assert.Single(await host.AuditAsync(AuditAction.PasswordChanged));
        Assert.Equal((userId, User, "User", userId.ToString()), (entry.ActorUserId!.Value, entry.Actor, entry.SubjectType, entry.SubjectId));
        Assert.DoesNotContain(NewPassword, entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(OldPassword, entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_current_passwords_lock_the_account_as_five_wrong_sign_ins_do()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var stamp = await StampAsync(host);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Equal("Lösenordet stämmer inte. Skriv det lösenord du loggar in med.", ErrorAt(await RefusedAsync(browser, $"Wrong-Password-{attempt}!", NewPassword, NewPassword), "CurrentPassword"));
        }

        const string Locked = "För många felaktiga lösenord. Kontot är låst i 15 minuter: försök igen senare eller kontakta en administratör.";
        Assert.Equal(Locked, ErrorAt(await RefusedAsync(browser, "Wrong-Password-5!", NewPassword, NewPassword), "CurrentPassword"));
        using (var signIn = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = User, password = OldPassword }))
        {
            Assert.Equal("Account locked", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        // While the account is locked even the right password changes nothing.
        Assert.Equal(Locked, ErrorAt(await RefusedAsync(browser, OldPassword, NewPassword, NewPassword), "CurrentPassword"));
        Assert.Equal(stamp, await StampAsync(host));
        Assert.Empty(await host.AuditAsync(AuditAction.PasswordChanged));
        var refused = (await host.AuditAsync(AuditAction.SignInFailed)).Select(e => e.Detail).ToList();
        Assert.Equal(5, refused.Count(d => d == "password change (web page): wrong current password"));
        Assert.Contains("password change (web page): account locked", refused);
    }

    [Fact]
    public async Task The_forms_posts_count_against_the_sign_in_limit_of_the_clients_address()
    {
        await using var host = SecurityHost.OnSqlite(new Dictionary<string, string> { ["Security:SignInPermitsPerMinute"] = "3" });
        using var users = new ApiUsers(host);

        // The cookie sign-in takes one attempt; opening the page takes none, each post one.
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var token = await PageForms.AntiforgeryTokenAsync(browser, Page);
        using var first = await PageForms.PostAsync(browser, Page, token, Fields("Wrong-Password-1!", NewPassword, NewPassword));
        using var second = await PageForms.PostAsync(browser, Page, token, Fields("Wrong-Password-2!", NewPassword, NewPassword));
        using var limited = await PageForms.PostAsync(browser, Page, token, Fields(OldPassword, NewPassword, NewPassword));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [first.StatusCode, second.StatusCode, limited.StatusCode]);
        Assert.Equal(2, await FailedCountAsync(host));
        Assert.Empty(await host.AuditAsync(AuditAction.PasswordChanged));
    }

    [Fact]
    public async Task The_form_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);
        var stamp = await StampAsync(host);

        using var forged = await browser.PostAsync(new Uri(Page, UriKind.Relative), new FormUrlEncodedContent(Fields(OldPassword, NewPassword, NewPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(stamp, await StampAsync(host));
    }

    [Fact]
    public async Task My_account_is_the_current_navigation_item_on_the_password_page_as_on_the_account_page()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var browser = await users.BrowserAsync(User, allowAutoRedirect: false);

        foreach (var page in new[] { "/Account/Security", Page })
        {
            var html = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
            var navigation = MainNavigation().Match(html);
            Assert.True(navigation.Success, $"{page} shows no main navigation");
            Assert.Equal(["Mitt konto"], CurrentItem().Matches(navigation.Value).Select(m => m.Groups["text"].Value));
        }
    }

    private static KeyValuePair<string, string>[] Fields(string current, string next, string repeat) =>
        [new("Input.CurrentPassword", current), new("Input.NewPassword", next), new("Input.RepeatPassword", repeat)];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string current, string next, string repeat) =>
        await PageForms.PostAsync(browser, Page, await PageForms.AntiforgeryTokenAsync(browser, Page), Fields(current, next, repeat));

    /// <summary>Posts the form and returns the page shown again, decoded.</summary>
    private static async Task<string> RefusedAsync(HttpClient browser, string current, string next, string repeat)
    {
        using var response = await PostAsync(browser, current, next, repeat);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The error shown next to the field (<c>Input.{field}</c>), or null.</summary>
    private static string? ErrorAt(string html, string field) =>
        FieldError().Matches(html).FirstOrDefault(m => m.Groups["field"].Value == field)?.Groups["text"].Value;

    private static async Task ChooseLanguageAsync(HttpClient browser, string culture)
    {
        using var chosen = await PageForms.PostAsync(browser, "/Account/Language", await PageForms.AntiforgeryTokenAsync(browser, Page), [new("culture", culture), new("returnUrl", Page)]);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
    }

    private static async Task<JsonElement> SignInAsync(HttpClient client, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = User, password });
        return await ApiUsers.JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> SignInStatusAsync(HttpClient client, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = User, password });
        return response.StatusCode;
    }

    private static Task<string?> StampAsync(SecurityHost host) =>
        host.WithDatabaseAsync(db => db.Users.Where(u => u.Email == User).Select(u => u.SecurityStamp).SingleAsync());

    private static Task<int> FailedCountAsync(SecurityHost host) =>
        host.WithDatabaseAsync(db => db.Users.Where(u => u.Email == User).Select(u => u.AccessFailedCount).SingleAsync());

    [GeneratedRegex("<ul class=\"main-nav\">[\\s\\S]*?</ul>")]
    private static partial Regex MainNavigation();

    [GeneratedRegex("<a [^>]*aria-current=\"page\"[^>]*>(?<text>[^<]*)</a>")]
    private static partial Regex CurrentItem();

    [GeneratedRegex("<p class=\"error-message\" id=\"Input_(?<field>[A-Za-z]+)-error\"><span class=\"visually-hidden\">[^<]*</span>(?<text>[^<]*)</p>")]
    private static partial Regex FieldError();
}
