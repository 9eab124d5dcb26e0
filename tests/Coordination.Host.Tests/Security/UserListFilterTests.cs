using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The users page (Admin/Users) narrows its list by a text in the name or e-mail address, an
/// agency and a role, together; a value its form cannot have sent is named at its field; and no
/// filter shows a user the administrator's own list does not hold.
/// </summary>
public sealed partial class UserListFilterTests
{
    private const string Administrator = "school.administrator@alvby.demo";
    private static readonly string[] Kinds = ["school", "social", "police", "leisure", "licensing", "rescue", "tax"];

    [Fact]
    public async Task The_list_shows_the_users_whose_name_or_address_matches_and_who_hold_the_chosen_role_in_the_chosen_agency()
    {
        await using var host = SecurityHost.OnSqlite();
        var (alvby, _) = await MunicipalitiesAsync(host);
        var school = await AgencyAsync(host, alvby, AgencyKind.School);
        var social = await AgencyAsync(host, alvby, AgencyKind.SocialServices);

        // The leisure manager also works in the school, as staff: a manager, and of the school, but not the school's manager.
        await host.WithDatabaseAsync(async db =>
        {
            var leisureManager = await db.Users.SingleAsync(u => u.Email == "leisure.manager@alvby.demo");
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = leisureManager.Id, AgencyId = school, Role = MembershipRole.Staff });
            return await db.SaveChangesAsync();
        });
        var total = await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.Agency!.MunicipalityId == alvby).Select(m => m.UserId).Distinct().CountAsync());
        using var browser = await SignedInBrowserAsync(host, Administrator);
        var list = $"/Admin/Users?municipalityId={alvby}";

        var all = await PageAsync(browser, list);
        Assert.Equal(total, Rows(all).Count);
        Assert.Contains($"Visar {total} av {total} användare.", all, StringComparison.Ordinal);

        // The name in any case; a part of the e-mail address.
        Assert.Equal(Emails("school", "staff", "manager", "coordinator", "administrator", "auditor"), Rows(await PageAsync(browser, $"{list}&search=sKOLAN")));
        Assert.Equal(["police.auditor@alvby.demo"], Rows(await PageAsync(browser, $"{list}&search=+POLICE.aud+")));

        // An agency; a role; both, in one membership.
        Assert.Equal(Emails("school", "staff", "manager", "coordinator", "administrator", "auditor").Append("leisure.manager@alvby.demo").Order(StringComparer.Ordinal), Rows(await PageAsync(browser, $"{list}&agency={school}")));
        Assert.Equal(Kinds.Select(k => $"{k}.manager@alvby.demo").Order(StringComparer.Ordinal), Rows(await PageAsync(browser, $"{list}&role=Manager")));
        var schoolManagers = await PageAsync(browser, $"{list}&agency={school}&role=Manager");
        Assert.Equal(["school.manager@alvby.demo"], Rows(schoolManagers));
        Assert.Contains($"Visar 1 av {total} användare.", schoolManagers, StringComparison.Ordinal);

        // All three; and the form shows the filter it sent, with the municipality it was for.
        var combined = await PageAsync(browser, $"{list}&search=Socialtj%C3%A4nsten&agency={social}&role=Auditor");
        Assert.Equal(["social.auditor@alvby.demo"], Rows(combined));
        Assert.Contains($"<input type=\"hidden\" name=\"municipalityId\" value=\"{alvby}\">", combined, StringComparison.Ordinal);
        Assert.Contains("name=\"search\" value=\"Socialtjänsten\"", combined, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{social}\" selected=\"selected\">Socialtjänsten</option>", combined, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Auditor\" selected=\"selected\">Granskare</option>", combined, StringComparison.Ordinal);

        // Nobody matches: the count says so and no empty table is drawn.
        var nobody = await PageAsync(browser, $"{list}&search=nobody-is-called-this");
        Assert.Contains($"Visar 0 av {total} användare.", nobody, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", nobody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", "role=Superuser", "role", "Adressen anger en roll som inte finns. Välj en i listan.")]
    [InlineData("sv-SE", "role=4", "role", "Adressen anger en roll som inte finns. Välj en i listan.")]
    [InlineData("sv-SE", "role=Staff&role=Manager", "role", "Adressen anger en roll som inte finns. Välj en i listan.")]
    [InlineData("sv-SE", "agency=not-an-agency", "agency", "Adressen anger en verksamhet som kommunen inte har. Välj en i listan.")]
    [InlineData("sv-SE", "agency=00000000-0000-0000-0000-000000000001", "agency", "Adressen anger en verksamhet som kommunen inte har. Välj en i listan.")]
    [InlineData("en-GB", "role=Superuser", "role", "The address names a role that does not exist. Choose one from the list.")]
    [InlineData("en-GB", "agency=00000000-0000-0000-0000-000000000001", "agency", "The address names an agency the municipality does not have. Choose one from the list.")]
    public async Task A_filter_value_the_form_cannot_have_sent_is_named_at_its_field(string culture, string filter, string field, string message)
    {
        await using var host = SecurityHost.OnSqlite();
        var (alvby, _) = await MunicipalitiesAsync(host);
        using var browser = await SignedInBrowserAsync(host, Administrator, culture);

        var html = await PageAsync(browser, $"/Admin/Users?municipalityId={alvby}&{filter}");

        Assert.Contains($"<li><a href=\"#{field}\">{message}</a></li>", html, StringComparison.Ordinal);
        Assert.Matches($"<p class=\"error-message\" id=\"{field}-error\">.*{Regex.Escape(message)}</p>", html);
        Assert.Matches($"<select id=\"{field}\" name=\"{field}\" aria-describedby=\"{field}-error\" aria-invalid=\"true\">", html);
        Assert.Empty(Rows(html));
    }

    [Fact]
    public async Task An_agency_of_another_municipality_is_refused_and_shows_none_of_its_users()
    {
        await using var host = SecurityHost.OnSqlite();
        var (alvby, sjostad) = await MunicipalitiesAsync(host);
        var sjostadSchool = await AgencyAsync(host, sjostad, AgencyKind.School);
        using var browser = await SignedInBrowserAsync(host, Administrator);

        var html = await PageAsync(browser, $"/Admin/Users?municipalityId={alvby}&agency={sjostadSchool}");

        Assert.Contains("<li><a href=\"#agency\">Adressen anger en verksamhet som kommunen inte har. Välj en i listan.</a></li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("sjostad.demo", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{sjostadSchool}\"", html, StringComparison.Ordinal);
        Assert.Empty(Rows(html));
    }

    [Fact]
    public async Task An_administrator_of_two_municipalities_filters_the_one_chosen_and_removing_a_membership_keeps_the_filter()
    {
        await using var host = SecurityHost.OnSqlite();
        var (_, sjostad) = await MunicipalitiesAsync(host);
        var police = await AgencyAsync(host, sjostad, AgencyKind.Police);
        using var browser = await SignedInBrowserAsync(host, "police.administrator@alvby.demo");
        var filtered = $"/Admin/Users?municipalityId={sjostad}&agency={police}&role=Staff";

        var html = await PageAsync(browser, filtered);
        Assert.Equal(["police.staff@alvby.demo"], Rows(html));
        Assert.Contains($"<input type=\"hidden\" name=\"municipalityId\" value=\"{sjostad}\">", html, StringComparison.Ordinal);

        // Choosing another municipality keeps the role, not the agency, which is Sjöstad's.
        Assert.Contains("<input type=\"hidden\" name=\"role\" value=\"Staff\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<input type=\"hidden\" name=\"agency\"", html, StringComparison.Ordinal);

        var membership = await host.WithDatabaseAsync(db => db.Set<Membership>()
            .Where(m => m.AgencyId == police && m.Role == MembershipRole.Staff).Select(m => m.Id).SingleAsync());
        var token = await PageForms.AntiforgeryTokenAsync(browser, filtered);
        using var removed = await PageForms.PostAsync(browser, $"/Admin/Users?handler=Remove&municipalityId={sjostad}&membershipId={membership}&agency={police}&role=Staff", token, []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var back = removed.Headers.Location!.OriginalString;
        Assert.Contains($"agency={police}", back, StringComparison.Ordinal);
        Assert.Contains("role=Staff", back, StringComparison.Ordinal);
        var after = await PageAsync(browser, back);
        Assert.Contains("Behörigheten är borttagen.", after, StringComparison.Ordinal);
        Assert.Empty(Rows(after));
    }

    /// <summary>A browser (cookies kept, redirects not followed) signed in with the sign-in cookie, in the language chosen on the page.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(SecurityHost host, string email, string culture = "sv-SE")
    {
        var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        using (var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email, password = ApiUsers.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        var token = await PageForms.AntiforgeryTokenAsync(browser, "/Admin/Users");
        using var chosen = await PageForms.PostAsync(browser, "/Account/Language", token, [new("culture", culture), new("returnUrl", "/Admin/Users")]);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        return browser;
    }

    private static async Task<string> PageAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The e-mail addresses of the users listed, in address order.</summary>
    private static List<string> Rows(string html) =>
        [.. EmailCell().Matches(html).Select(m => m.Groups["email"].Value).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Emails(string kind, params string[] roles) =>
        roles.Select(r => $"{kind}.{r}@alvby.demo").Order(StringComparer.Ordinal);

    private static Task<(Guid Alvby, Guid Sjostad)> MunicipalitiesAsync(SecurityHost host) =>
        host.WithDatabaseAsync(async db =>
        {
            var ids = await db.Municipalities.ToDictionaryAsync(m => m.Code, m => m.Id);
            return (ids["9901"], ids["9902"]);
        });

    private static Task<Guid> AgencyAsync(SecurityHost host, Guid municipalityId, AgencyKind kind) =>
        host.WithDatabaseAsync(db => db.Set<Agency>().Where(a => a.MunicipalityId == municipalityId && a.Kind == kind).Select(a => a.Id).SingleAsync());

    [GeneratedRegex("<td>(?<email>[^<@\\s]+@[^<\\s]+)</td>")]
    private static partial Regex EmailCell();
}
