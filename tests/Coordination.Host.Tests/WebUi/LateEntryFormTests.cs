using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Host.WebUi;
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

    /// <summary>
    /// A reply to a proposal since replaced by a harsher one, entered on the reply form with the
    /// date it arrived, goes on the replaced proposal, which the page shows with it; the form stays
    /// for the reply to the harsher proposal. Before, the date was refused at its field.
    /// </summary>
    [Fact]
    public async Task The_case_page_records_a_reply_to_a_replaced_proposal_and_shows_it_with_that_proposal()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var api = $"/api/inspections/supervision-cases/{caseId}";
        var due = (await scenario.Officer.PostJsonAsync($"{api}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." })).GetProperty("replyDueAt").GetDateTimeOffset();
        clock.AdvanceTo(due.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", clock.TickSecond);
        await scenario.Officer.PostJsonAsync($"{api}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        clock.AdvanceTo(due.AddDays(2));

        using var browser = scenario.Host.CreateClient(new() { AllowAutoRedirect = false });
        var page = $"/Inspections/Case?id={caseId}";
        Assert.Null(await PostAsync(browser, page, "Reply", ("Input.ReplyReceivedOn", Day(due.AddDays(-1))), ("Input.ReplyText", "We have new door staff.")));

        var shown = await PageAsync(browser, page);
        var earlier = shown[shown.IndexOf("class=\"replaced-proposal\"", StringComparison.Ordinal)..];
        Assert.Contains("We have new door staff.", earlier[..earlier.IndexOf("</dd>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("id=\"Input_ReplyReceivedOn\"", shown, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await scenario.SupervisionCaseAsync(caseId)).GetProperty("reply").ValueKind);
    }

    /// <summary>
    /// The late-appeal form says until when an appeal received in time can be entered (the
    /// municipality's <c>lateAppealEntryDays</c> after the window ended, 30 by default) and is
    /// gone after that, and once the case is closed. Before, it stayed on a final decision until
    /// the case was closed, however long that took.
    /// </summary>
    [Fact]
    public async Task The_late_appeal_form_is_gone_once_an_appeal_received_in_time_can_no_longer_be_entered()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var api = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{api}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        await scenario.Officer.PostJsonAsync($"{api}/reply", new { text = "We have new door staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply consumed", clock.TickSecond);
        var appealEnds = (await scenario.Officer.PostJsonAsync($"{api}/decision", new { sanction = "Varning" })).GetProperty("appealEndsAt").GetDateTimeOffset();
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", clock.TickSecond);

        using var browser = scenario.Host.CreateClient(new() { AllowAutoRedirect = false });
        var page = $"/Inspections/Case?id={caseId}";
        clock.AdvanceTo(appealEnds.AddDays(29));
        var open = await PageAsync(browser, page);
        Assert.Contains("id=\"Input_AppealReceivedOn\"", open, StringComparison.Ordinal);
        Assert.Contains($"till och med {StockholmTime.Show(StockholmTime.LastDay(appealEnds.AddDays(30)))} med datumet", open, StringComparison.Ordinal);

        clock.AdvanceTo(appealEnds.AddDays(30).AddMinutes(1));
        var closed = await PageAsync(browser, page);
        Assert.DoesNotContain("id=\"Input_AppealReceivedOn\"", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Appeal", closed, StringComparison.Ordinal);
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

        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)answer.StatusCode}{UnhandledExceptionHeader.Of(answer)}");
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>A fresh token for each request: the clock moves weeks between them, past a token's lifetime.</summary>
    private static async Task<string> SignInAsync(HttpClient browser)
    {
        using var signIn = await browser.PostAsJsonAsync("/api/auth/token", new { email = "licensing.staff@alvby.demo", password = InspectionsClient.DemoPassword });
        return (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
