using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A routing-rule change names the version it was made to (<c>If-Match</c>): two administrators
/// editing at once once overwrote each other silently, each save simply becoming the next version.
/// </summary>
public sealed partial class RoutingRulesVersionTests
{
    private const string First = "social.administrator@alvby.demo";
    private const string Second = "school.administrator@alvby.demo";

    [Fact]
    public async Task A_change_made_to_a_version_someone_else_has_replaced_is_refused_and_theirs_stays()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var read = await users.GetJsonAsync(First, path);
        var version = read.GetProperty("version").GetInt32();

        using var theirs = await PutAsync(users, Second, path, read, taskAnswerWorkingDays: 5, ifMatch: $"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);

        using var mine = await PutAsync(users, First, path, read, taskAnswerWorkingDays: 9, ifMatch: $"\"{version}\"");
        var problem = await ApiUsers.JsonAsync(mine, HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", mine.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Rules changed meanwhile", problem.GetProperty("title").GetString());

        var now = await users.GetJsonAsync(First, path);
        Assert.Equal(version + 1, now.GetProperty("version").GetInt32());
        Assert.Equal(5, now.GetProperty("rules").GetProperty("taskAnswerWorkingDays").GetInt32());

        // Made again to the version now in force, the change is saved.
        using var again = await PutAsync(users, First, path, now, taskAnswerWorkingDays: 9, ifMatch: $"\"{version + 1}\"");
        Assert.Equal(version + 2, (await ApiUsers.JsonAsync(again, HttpStatusCode.OK)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task A_change_without_a_version_is_saved_whatever_the_version(string? ifMatch)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var read = await users.GetJsonAsync(First, path);

        using var first = await PutAsync(users, Second, path, read, taskAnswerWorkingDays: 5, ifMatch: ifMatch);
        using var second = await PutAsync(users, First, path, read, taskAnswerWorkingDays: 9, ifMatch: ifMatch);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"three\"")]
    [InlineData("W/\"1\"")]
    public async Task A_version_that_cannot_be_read_is_refused_naming_if_match(string ifMatch)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var read = await users.GetJsonAsync(First, path);

        using var response = await PutAsync(users, First, path, read, taskAnswerWorkingDays: 5, ifMatch: ifMatch);

        var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["If-Match"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task The_rules_page_refuses_a_save_over_a_version_saved_meanwhile_and_keeps_what_was_typed()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var alvby = path.Split('/')[3];
        var page = $"/Admin/RoutingRules?municipalityId={alvby}";

        // The first administrator opens the page; the second saves through the API meanwhile.
        using var opened = await users.GetAsync(First, page);
        var form = WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
        var read = await users.GetJsonAsync(First, path);
        var version = read.GetProperty("version").GetInt32();
        Assert.Contains($"<input type=\"hidden\" name=\"ReadVersion\" value=\"{version}\">", form, StringComparison.Ordinal);
        using var theirs = await PutAsync(users, Second, path, read, taskAnswerWorkingDays: 5, ifMatch: null);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);

        var rules = read.GetProperty("rules");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", AntiforgeryToken().Matches(form).Last().Groups["token"].Value),
            new("ReadVersion", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.TaskAnswerWorkingDays", "9"),
            new("Input.FeedbackWorkingDays", rules.GetProperty("feedbackWorkingDays").ToString()),
            new("Input.NearLimitWorkingDays", rules.GetProperty("nearLimitWorkingDays").ToString()),
            new("Input.ReminderIntervalHours", "24"),
            new("Input.TaskReminderDaysBefore", rules.GetProperty("taskReminderDaysBefore").ToString()),
            new("Input.EscalationAfterDueHours", "24"),
            new("Input.ReviewIntervalMonths", rules.GetProperty("reviewIntervalMonths").ToString()),
            new("Input.ReviewReminderDaysBefore", rules.GetProperty("reviewReminderDaysBefore").ToString()),
            new("Input.AgeBandFrom", rules.GetProperty("ageBandFrom").ToString()),
            new("Input.AgeBandTo", rules.GetProperty("ageBandTo").ToString()),
            new("Input.OfficeHoursEnd", rules.GetProperty("officeHoursEnd").GetString()![..5]),
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Authorization = new("Bearer", await users.TokenAsync(First));
        using var saved = await users.Client.SendAsync(post);
        var answer = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("En annan administratör sparade samtidigt.", answer, StringComparison.Ordinal);
        Assert.Matches("id=\"Input_TaskAnswerWorkingDays\"[^>]*value=\"9\"", answer);
        var now = await users.GetJsonAsync(First, path);
        Assert.Equal(version + 1, now.GetProperty("version").GetInt32());
        Assert.Equal(5, now.GetProperty("rules").GetProperty("taskAnswerWorkingDays").GetInt32());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static async Task<HttpResponseMessage> PutAsync(ApiUsers users, string user, string path, JsonElement read, int taskAnswerWorkingDays, string? ifMatch)
    {
        var rules = JsonNode.Parse(read.GetProperty("rules").GetRawText())!.AsObject();
        rules["taskAnswerWorkingDays"] = taskAnswerWorkingDays;
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(rules) };
        request.Headers.Authorization = new("Bearer", await users.TokenAsync(user));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await users.Client.SendAsync(request);
    }

    private static async Task<string> PathAsync(SecurityHost host)
    {
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.Where(m => m.Code == "9901").Select(m => m.Id).SingleAsync());
        return $"/api/municipalities/{alvby}/routing-rules";
    }
}
