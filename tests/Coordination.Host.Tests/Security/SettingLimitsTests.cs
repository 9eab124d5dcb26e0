using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A municipality's settings are read by every later deadline: a value past what a deadline can
/// be counted from is refused at its field, and the settings in force stay as they were. A huge
/// reminder interval once saved stopped every new concern from getting its tasks; a huge protocol
/// deadline made the settings page fail on every load.
/// </summary>
public sealed class SettingLimitsTests
{
    private const string SocialAdministrator = "social.administrator@alvby.demo";
    private const string LicensingManager = "licensing.manager@alvby.demo";

    [Fact]
    public async Task Routing_rules_beyond_their_limits_are_refused_naming_the_field_and_the_rules_in_force_stay()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var before = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");

        foreach (var (field, value) in new (string, JsonNode)[]
        {
            ("reminderInterval", "10675199.00:00:00"),
            ("reminderInterval", "31.00:00:00"),
            ("escalationAfterDue", "10675199.00:00:00"),
            ("escalationAfterDue", "61.00:00:00"),
            ("taskReminderDaysBefore", -1),
            ("taskReminderDaysBefore", 366),
        })
        {
            var rules = JsonNode.Parse(before.GetRawText())!.AsObject();
            rules[field] = value.DeepClone();
            using var response = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(rules));
            var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var after = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        Assert.Equal(before.GetRawText(), after.GetRawText());

        // The longest accepted values are still accepted.
        var longest = JsonNode.Parse(before.GetRawText())!.AsObject();
        longest["reminderInterval"] = "30.00:00:00";
        longest["escalationAfterDue"] = "60.00:00:00";
        longest["taskReminderDaysBefore"] = 365;
        using var accepted = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(longest));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    /// <summary>
    /// A category whose list of agencies is null was saved, and then every case page of a concern
    /// in that category and the rules page itself failed; no early warning (0 working days) was
    /// saved too, and then the social services managers' overdue lists and dashboard failed.
    /// </summary>
    [Fact]
    public async Task A_category_without_a_list_is_refused_and_no_early_warning_leaves_the_managers_lists_working()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var before = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");

        var noList = JsonNode.Parse(before.GetRawText())!.AsObject();
        noList["agenciesByCategory"]!["CrimeRisk"] = null;
        using (var refused = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(noList)))
        {
            var problem = await ApiUsers.JsonAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["agenciesByCategory"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(before.GetRawText(), (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules").GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await users.GetAsync(SocialAdministrator, $"/Admin/RoutingRules?municipalityId={alvby}")).StatusCode);

        var noWarning = JsonNode.Parse(before.GetRawText())!.AsObject();
        noWarning["nearLimitWorkingDays"] = 0;
        using (var accepted = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, JsonContent.Create(noWarning)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var overdue = await users.GetJsonAsync("social.manager@alvby.demo", "/api/overdue");
        Assert.All(overdue.GetProperty("agencies").EnumerateArray(), a => Assert.Equal(0, a.GetProperty("nearLimit").GetArrayLength()));
        Assert.Equal(HttpStatusCode.OK, (await users.GetAsync("social.manager@alvby.demo", "/Dashboard")).StatusCode);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("366")]
    public async Task The_rules_page_names_a_reminder_lead_beyond_its_limits_at_its_field_and_saves_nothing(string days)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/routing-rules";
        var before = await users.GetJsonAsync(SocialAdministrator, path);
        var page = $"/Admin/RoutingRules?municipalityId={alvby}";
        var token = await users.TokenAsync(SocialAdministrator);
        var fields = RoutingRulesPage.Fields(before);
        fields["Input.TaskReminderDaysBefore"] = days;

        using var response = await PageForms.PostAsync(users.Client, page, await PageForms.AntiforgeryTokenAsync(users.Client, page, token), fields, token);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#Input_TaskReminderDaysBefore\">Mellan 0 och 365 dagar före tidsfristen.</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_TaskReminderDaysBefore-error\"", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"Input_TaskReminderDaysBefore\"[^>]*value=\"{days}\"", html);
        Assert.Equal(before.GetRawText(), (await users.GetJsonAsync(SocialAdministrator, path)).GetRawText());
    }

    [Fact]
    public async Task Inspection_settings_beyond_their_limits_are_refused_naming_the_field_and_the_settings_in_force_stay()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/inspections/settings/{alvby}";
        var before = await users.GetJsonAsync(LicensingManager, path);

        foreach (var field in new[] { "protocolWorkingDays", "participationAnswerWorkingDays", "kommuniceringReplyDays", "reInspectionDays", "supervisionFollowUpMonths", "yearlyJointRoundPromise", "dancingWeight" })
        {
            var settings = JsonNode.Parse(before.GetRawText())!.AsObject();
            settings[field] = int.MaxValue;
            using var response = await users.SendAsync(LicensingManager, HttpMethod.Put, path, JsonContent.Create(settings));
            var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(before.GetRawText(), (await users.GetJsonAsync(LicensingManager, path)).GetRawText());
    }
}
