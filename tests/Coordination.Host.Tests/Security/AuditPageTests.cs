using System.Net;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>The audit log page: auditors search their municipalities' entries, export them (itself audited) and check the chain.</summary>
public sealed class AuditPageTests
{
    private const string Auditor = "social.auditor@alvby.demo";
    private const string SjostadAuditor = "social.auditor@sjostad.demo";

    [Fact]
    public async Task An_auditor_finds_who_read_a_concern_newest_first_exports_the_search_and_checks_the_chain()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        using (var read = await users.GetAsync(CaseJourney.Coordinator, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var reporter = await users.GetAsync(CaseJourney.Teacher, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, reporter.StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var again = await users.GetAsync(CaseJourney.Coordinator, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using var auditor = await users.BrowserAsync(Auditor);
        var all = await PageAsync(auditor, "/Audit");
        Assert.Contains("Läsning av personuppgifter", all, StringComparison.Ordinal);
        Assert.Contains(CaseJourney.Teacher, all, StringComparison.Ordinal);

        // The coordinator's two reads, found by address in any case, newest first.
        var reads = await PageAsync(auditor, "/Audit?action=PersonalDataRead&who=SOCIAL.Coordinator@alvby.demo&from=2026-11-23&to=2026-11-23");
        Assert.Contains("Visar 1–2 av 2 poster.", reads, StringComparison.Ordinal);
        var times = Times(reads);
        Assert.Equal(2, times.Count);
        Assert.True(times[0] > times[1], "newest first");
        Assert.Contains("Inga poster att visa med de här valen.", await PageAsync(auditor, "/Audit?action=PersonalDataRead&from=2026-11-24"), StringComparison.Ordinal);

        // Another municipality's auditor sees none of Älvby's reads.
        using var sjostad = await users.BrowserAsync(SjostadAuditor);
        Assert.Contains("Inga poster att visa med de här valen.", await PageAsync(sjostad, "/Audit?action=PersonalDataRead"), StringComparison.Ordinal);

        // The export is the same search as CSV, and is itself an entry.
        using var export = await auditor.GetAsync(new Uri("/Audit?handler=Export&action=PersonalDataRead&who=social.coordinator@alvby.demo", UriKind.Relative));
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(await host.WithDatabaseAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == AuditAction.AuditExported && e.Actor == Auditor)));

        Assert.Contains("Kedjan är obruten", await PageAsync(auditor, "/Audit?verify=1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Audit?action=Nothing", "action", "Händelsen finns inte bland alternativen.")]
    [InlineData("/Audit?from=2026-12-01&to=2026-11-01", "to", "Perioden slutar innan den börjar.")]
    [InlineData("/Audit?from=23/11/2026", "from", "Ange ett datum som ÅÅÅÅ-MM-DD.")]
    [InlineData("/Audit?who=a&who=b", "who", "Ange värdet en gång.")]
    public async Task A_search_the_form_cannot_send_is_named_at_its_field_and_lists_nothing(string path, string field, string message)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var auditor = await users.BrowserAsync(Auditor);

        var page = await PageAsync(auditor, path);

        Assert.Contains($"<a href=\"#{field}\">{message}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=0001-01-01")]
    [InlineData("to=9999-12-31")]
    public async Task A_period_from_the_calendars_first_day_or_to_its_last_lists_the_entries_as_the_API_does(string period)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var auditor = await users.BrowserAsync(Auditor);

        var page = await PageAsync(auditor, $"/Audit?action=SignInSucceeded&{period}");
        using var export = await auditor.GetAsync(new Uri($"/Audit?handler=Export&action=SignInSucceeded&{period}", UriKind.Relative));
        using var api = await users.GetAsync(Auditor, $"/api/audit/entries?action=SignInSucceeded&{period}");

        Assert.Contains("<table", page, StringComparison.Ordinal);
        Assert.Contains(Auditor, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(Auditor, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains(Auditor, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_address_written_as_a_formula_exports_as_text_wherever_a_spreadsheet_splits_the_line()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        using var stranger = host.CreateClient(new() { AllowAutoRedirect = false });
        string[] addresses = ["a;=cmd|' /C calc'!A0;", "b\r\n-2+cmd|' /C calc'!A0", "c, @SUM(1+1)*cmd|' /C calc'!A0"];
        foreach (var address in addresses)
        {
            var token = await PageForms.AntiforgeryTokenAsync(stranger, "/Account/SignIn");
            using var refused = await PageForms.PostAsync(stranger, "/Account/SignIn", token, [new("Input.Email", address), new("Input.Password", "Wrong-Password-1!")]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var auditor = await users.BrowserAsync(Auditor);
        using var export = await auditor.GetAsync(new Uri("/Audit?handler=Export&action=SignInFailed", UriKind.Relative));
        var csv = await export.Content.ReadAsStringAsync();

        // Excel splits at a comma or, in Sweden, a semicolon, reading quotes only at a cell's start: every
        // piece between any two of those or line breaks, less its leading spaces and quotes, is text.
        var formulas = csv.Split([',', ';', '\r', '\n']).Select(p => p.TrimStart(' ', '"')).Where(p => p.Length > 0 && p[0] is '=' or '+' or '-' or '@' or '\t');
        Assert.Empty(formulas);
        Assert.Contains(",\"a;'=cmd|' /C calc'!A0;\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"b\r\n'-2+cmd|' /C calc'!A0\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"c, '@SUM(1+1)*cmd|' /C calc'!A0\",", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_the_end_of_the_audit_log_shows_the_last_page_with_its_navigation()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        for (var i = 0; i < 51; i++)
        {
            using var read = await users.GetAsync(CaseJourney.Coordinator, $"/api/concerns/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var auditor = await users.BrowserAsync(Auditor, allowAutoRedirect: false);
        const string search = "/Audit?action=PersonalDataRead&who=social.coordinator@alvby.demo";

        // An old link to page 9 of 50 entries each: the coordinator's 51 reads fill two.
        using (var past = await auditor.GetAsync(new Uri(search + "&page=9", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
            Assert.Equal(search + "&page=2", past.Headers.Location?.OriginalString);
        }

        var last = await PageAsync(auditor, search + "&page=2");
        Assert.Contains("Visar 51–51 av 51 poster.", last, StringComparison.Ordinal);
        Assert.Contains("<span>Sida 2 av 2</span>", last, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{search}\" rel=\"prev\">", last, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{search}&page=2\" rel=\"next\">", await PageAsync(auditor, search), StringComparison.Ordinal);

        // The chain check asked for on a page past the end is kept.
        using var checkedPast = await auditor.GetAsync(new Uri(search + "&page=9&verify=1", UriKind.Relative));
        Assert.Equal(search + "&page=2&verify=1", checkedPast.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Only_auditors_open_the_audit_log_page()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        foreach (var user in new[] { CaseJourney.Coordinator, "social.administrator@alvby.demo", "social.manager@alvby.demo" })
        {
            using var browser = await users.BrowserAsync(user, allowAutoRedirect: false);
            using var response = await browser.GetAsync(new Uri("/Audit", UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{user}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Granskningslogg</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static List<DateTimeOffset> Times(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "<time datetime=\"([^\"]+)\"").Select(m => DateTimeOffset.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
}
