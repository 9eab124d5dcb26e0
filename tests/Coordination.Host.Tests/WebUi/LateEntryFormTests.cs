using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Testing;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The case page keeps the reply form after the reply time ran out (until the decision) and the
/// appeal form after the window closed, each with the date the letter arrived: one that arrived in
/// time is recorded, one that arrived late is shown again with the error at the date. Before, both
/// forms were gone once their timer fired, and the officer could not record what came in time.
/// </summary>
public sealed class LateEntryFormTests
{
    [Fact]
    public async Task The_case_page_records_a_reply_and_an_appeal_that_arrived_in_time_after_their_timers_fired_and_shows_a_late_date_at_its_field()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var api = $"/api/inspections/supervision-cases/{caseId}";
        var due = (await scenario.Officer.PostJsonAsync($"{api}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." })).GetProperty("replyDueAt").GetDateTimeOffset();
        clock.AdvanceTo(due.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", clock.TickSecond);
        clock.AdvanceTo(due.AddDays(2));

        using var browser = scenario.Host.CreateClient(new() { AllowAutoRedirect = false });
        var page = $"/Inspections/Case?id={caseId}";

        Assert.Contains("id=\"Input_ReplyReceivedOn\"", await PageAsync(browser, page), StringComparison.Ordinal);
        var lateReply = await PostAsync(browser, page, "Reply", ("Input.ReplyReceivedOn", Day(due.AddDays(1))), ("Input.ReplyText", "We have new door staff."));
        Assert.Contains("id=\"Input_ReplyReceivedOn-error\"", lateReply, StringComparison.Ordinal);
        Assert.Null(await PostAsync(browser, page, "Reply", ("Input.ReplyReceivedOn", Day(due)), ("Input.ReplyText", "We have new door staff.")));
        Assert.Equal("We have new door staff.", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("reply").GetString());

        var decided = await scenario.Officer.PostJsonAsync($"{api}/decision", new { sanction = "Varning" });
        var appealEnds = decided.GetProperty("appealEndsAt").GetDateTimeOffset();
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", clock.TickSecond);
        clock.AdvanceTo(appealEnds.AddDays(3));

        Assert.Contains("id=\"Input_AppealReceivedOn\"", await PageAsync(browser, page), StringComparison.Ordinal);
        var lateAppeal = await PostAsync(browser, page, "Appeal", ("Input.AppealReceivedOn", Day(appealEnds.AddDays(1))), ("Input.AppealText", "Överklagande"));
        Assert.Contains("id=\"Input_AppealReceivedOn-error\"", lateAppeal, StringComparison.Ordinal);
        Assert.Null(await PostAsync(browser, page, "Appeal", ("Input.AppealReceivedOn", Day(appealEnds.AddDays(-1))), ("Input.AppealText", "Överklagande")));
        Assert.Equal("Appealed", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
    }

    private static string Day(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> PageAsync(HttpClient browser, string page)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Authorization = new("Bearer", await SignInAsync(browser));
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <returns>Null when the form was accepted (a redirect back to the case); otherwise the page shown again.</returns>
    private static async Task<string?> PostAsync(HttpClient browser, string page, string handler, params (string Name, string Value)[] fields)
    {
        var bearer = await SignInAsync(browser);
        var token = await PageForms.AntiforgeryTokenAsync(browser, page, bearer);
        using var answer = await PageForms.PostAsync(browser, $"{page}&handler={handler}", token, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), bearer);
        if (answer.StatusCode == HttpStatusCode.Redirect)
        {
            return null;
        }

        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)answer.StatusCode}");
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>A fresh token for each request: the clock moves weeks between them, past a token's lifetime.</summary>
    private static async Task<string> SignInAsync(HttpClient browser)
    {
        using var signIn = await browser.PostAsJsonAsync("/api/auth/token", new { email = "licensing.staff@alvby.demo", password = InspectionsClient.DemoPassword });
        return (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
