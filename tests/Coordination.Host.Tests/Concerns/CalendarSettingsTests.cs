using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// DOMAIN.md: a limit counted in calendar days that ends on a weekend or holiday moves to the next
/// working day, "a setting, on by default"; a municipality also has its own closing days. Both are
/// routing-rule settings that the concern's deadlines are counted with.
/// </summary>
public sealed class CalendarSettingsTests
{
    private const string SocialAdministrator = "social.administrator@alvby.demo";

    /// <summary>Saturday 28 November 2026, 10:00 in Stockholm.</summary>
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Turning_off_the_move_and_adding_a_closing_day_changes_the_deadlines_of_concerns_raised_after()
    {
        await using var host = SecurityHost.OnSqlite();
        using var admin = new ApiUsers(host);
        using var users = new Caseworkers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var rules = (await admin.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        Assert.True(rules.GetProperty("moveCalendarDeadlinesToNextWorkingDay").GetBoolean());
        Assert.Empty(rules.GetProperty("localClosingDays").EnumerateArray());

        // Raised on a Saturday: the 14 days end on a Saturday, moved to Monday; the protective
        // assessment is due at the end of the next working day, Monday.
        host.Clock.AdvanceTo(Saturday);
        var before = await users.RaiseAsync();
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 15, 0, 0, TimeSpan.Zero), before.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), before.GetProperty("protectiveAssessmentDue").GetDateTimeOffset());

        var changed = JsonNode.Parse(rules.GetRawText())!.AsObject();
        changed["moveCalendarDeadlinesToNextWorkingDay"] = false;
        changed["localClosingDays"] = new JsonArray("2026-11-30");
        using (var saved = await admin.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(changed)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // Now the 14 days end on the Saturday itself, and Monday is closed: Tuesday.
        var after = await users.RaiseAsync();
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 15, 0, 0, TimeSpan.Zero), after.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), after.GetProperty("protectiveAssessmentDue").GetDateTimeOffset());
        rules = (await admin.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        Assert.False(rules.GetProperty("moveCalendarDeadlinesToNextWorkingDay").GetBoolean());
        Assert.Equal(["2026-11-30"], rules.GetProperty("localClosingDays").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Closing_days_that_cannot_be_are_refused_at_their_field_and_the_rules_in_force_stay()
    {
        await using var host = SecurityHost.OnSqlite();
        using var admin = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var before = (await admin.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");

        foreach (var (days, field, says) in new (JsonNode?, string, string)[]
        {
            (new JsonArray("2026-11-30", "2026-11-30"), "localClosingDays", "Each day once"),
            (new JsonArray("1999-12-24"), "localClosingDays", "2000 and 2100"),
            (new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode?)new DateOnly(2027, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray()), "localClosingDays", "At most 100"),
            (new JsonArray("30/11/2026"), "localClosingDays[0]", "YYYY-MM-DD"),
            (null, "localClosingDays", "A list of days"),
        })
        {
            var rules = JsonNode.Parse(before.GetRawText())!.AsObject();
            rules["localClosingDays"] = days;
            using var response = await admin.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(rules));
            var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
            var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
            Assert.Equal(field, error.Name);
            Assert.Contains(says, error.Value[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before.GetRawText(), (await admin.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules").GetRawText());
    }

    [Fact]
    public async Task The_rules_page_names_a_closing_day_it_cannot_read_at_its_field_and_saves_nothing()
    {
        await using var host = SecurityHost.OnSqlite();
        using var admin = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var before = await admin.GetJsonAsync(SocialAdministrator, path);
        var page = $"/Admin/RoutingRules?municipalityId={alvby}";
        var token = await admin.TokenAsync(SocialAdministrator);
        var fields = RoutingRulesPage.Fields(before);
        fields["Input.LocalClosingDays"] = "2026-12-23\n23/12";

        using var response = await PageForms.PostAsync(admin.Client, page, await PageForms.AntiforgeryTokenAsync(admin.Client, page, token), fields, token);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Input_LocalClosingDays-error\"", html, StringComparison.Ordinal);
        Assert.Contains("”23/12” är inte ett datum ÅÅÅÅ-MM-DD.", html, StringComparison.Ordinal);
        Assert.Contains("2026-12-23\n23/12</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await admin.GetJsonAsync(SocialAdministrator, path)).GetRawText());
    }
}
