using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Visits;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// A form value the page cannot read (a choice that is none of the options, a checkbox's value
/// other than the "true" the page's checkbox posts, text with NUL) is shown at its field and
/// nothing is stored: the forms once went on without it, raising a concern without the protected
/// identity the reporter ticked.
/// </summary>
public sealed partial class UnreadableFormValueTests
{
    private const string Teacher = "school.staff@alvby.demo";

    [Fact]
    public async Task A_concern_form_with_an_unreadable_value_is_shown_again_with_the_error_at_the_field_and_nothing_raised()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);

        var unreadable = await PostFormAsync(users.Client, await users.TokenAsync(Teacher), "/Concerns/Raise", Concern(("Input.ProtectedIdentity", "on"), ("Input.AgencyId", "garbage")));
        Assert.Equal(HttpStatusCode.OK, unreadable.Status);
        Assert.Contains("id=\"Input_ProtectedIdentity-error\"", unreadable.Html, StringComparison.Ordinal);
        // The teacher reports from one agency, so the page has no agency field: its error is in the summary.
        Assert.Contains("href=\"#Input_AgencyId\"", unreadable.Html, StringComparison.Ordinal);

        // A control character is refused at its field. (A NUL never reaches the page: the framework
        // refuses the form with a 400 before it binds it.)
        var bell = await PostFormAsync(users.Client, await users.TokenAsync(Teacher), "/Concerns/Raise", Concern(("Input.ProtectedIdentity", "true"), ("Input.School", "Älvby\u0007skola")));
        Assert.Equal(HttpStatusCode.OK, bell.Status);
        Assert.Contains("id=\"Input_School-error\"", bell.Html, StringComparison.Ordinal);
        var nul = await PostFormAsync(users.Client, await users.TokenAsync(Teacher), "/Concerns/Raise", Concern(("Input.School", "Älvby\0skola")));
        Assert.NotEqual(HttpStatusCode.InternalServerError, nul.Status);
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<Concern>().CountAsync()));

        // The page's own checkbox posts "true": ticked, the identity is protected.
        var ticked = await PostFormAsync(users.Client, await users.TokenAsync(Teacher), "/Concerns/Raise", Concern(("Input.ProtectedIdentity", "true")));
        Assert.DoesNotContain("-error\"", ticked.Html, StringComparison.Ordinal);
        Assert.True(await host.WithDatabaseAsync(db => db.Set<Concern>().Select(c => c.HasProtectedIdentity).SingleAsync()));
    }

    [Fact]
    public async Task A_supervision_decision_with_an_unreadable_most_serious_case_is_shown_again_with_the_error_and_nothing_decided()
    {
        await using var scenario = await InspectionScenario.StartAsync(HostBackend.SqliteInMemory);
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/reply", new { text = "We have replaced the door staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", InspectionScenario.WorkflowWait, "the case ready for decision", scenario.Host.Clock.TickSecond);

        using var client = scenario.Host.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/auth/token", new { email = "licensing.staff@alvby.demo", password = InspectionsClient.DemoPassword });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var page = $"/Inspections/Case?id={caseId}";
        var answer = await PostFormAsync(client, token, page, [new("Input.Sanction", "Varning"), new("Input.MostSeriousCase", "garbage")], handler: "Decision");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("id=\"Input_MostSeriousCase-error\"", answer.Html, StringComparison.Ordinal);
        Assert.Equal("AwaitingDecision", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_checklist_of_a_round_stored_with_a_date_at_the_end_of_the_calendar_is_refused_with_a_message_not_an_error()
    {
        await using var scenario = await InspectionScenario.StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);

        // Stored before round dates were limited to a window (RoundDates).
        await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionRound>().Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Date, new DateOnly(9999, 12, 31))));

        using var client = scenario.Host.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/auth/token", new { email = "licensing.staff@alvby.demo", password = InspectionsClient.DemoPassword });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var answer = await PostFormAsync(client, token, $"/Inspections/Checklist?roundId={roundId}&venueId={venueId}",
            [new("Input.Started", "22:00"), new("Input.Ended", "01:00"), new("Input.Present", "Lisa Licens")]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Rundans datum kan inte användas", answer.Html, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().CountAsync()));
    }

    private static List<KeyValuePair<string, string>> Concern(params (string Name, string Value)[] extra) =>
    [
        new("Input.PersonalIdentityNumber", "20120315-1236"),
        new("Input.School", "Älvby skola"),
        new("Input.Categories", "CrimeRisk"),
        new("Input.Urgency", "Normal"),
        new("Input.Description", "Often absent.\r\nSeen with older youths."),
        new("Input.GuardianKnowledge", "The mother knows."),
        .. extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)),
    ];

    private static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string token, string page, List<KeyValuePair<string, string>> fields, string? handler = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, page);
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var opened = await client.SendAsync(get);
        var form = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)opened.StatusCode}{UnhandledExceptionHeader.Of(opened)}");

        // A later field of the same name wins, as a browser's form would have only one.
        var merged = fields.GroupBy(f => f.Key).Select(g => g.Last()).ToList();
        merged.Add(new("__RequestVerificationToken", AntiforgeryToken().Matches(form).Last().Groups["token"].Value));
        var path = handler is null ? page : $"{page}{(page.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(merged) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(post);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
