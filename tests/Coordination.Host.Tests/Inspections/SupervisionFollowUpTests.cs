using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Supervision;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// The six-monthly follow-up of a venue under supervision is held: recorded by the officer with a
/// note, or by a visit while it is due; closing the case cancels what is left. Nothing completed
/// the follow-up's task before, so the venue stayed first in risk selection and one more task a
/// cycle piled up overdue on the licensing managers' list.
/// </summary>
public sealed class SupervisionFollowUpTests
{
    private const string Reviewed = "Reviewed the staff register and the police's reports since the decision; no new incidents.";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_follow_up_recorded_as_held_leaves_the_overdue_list_and_the_top_of_the_risk_ranking_and_is_in_the_history(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var rival = await scenario.RegisterVenueAsync("Dansbanan", "556123-4567", dancing: true, youngCrowd: true, complaints: 6);
        var (venueId, caseId, firstFollowUp) = await FollowUpCycleAsync(scenario);

        // A second cycle comes due before the first was held: the first task is overdue for the managers.
        var secondFollowUp = firstFollowUp.AddMonths(6);
        clock.AdvanceTo(secondFollowUp.AddMinutes(1));
        await Poll.UntilAsync(() => OpenFollowUpTasksAsync(scenario, caseId), tasks => tasks.Count == 2, WorkflowWait, "the second follow-up comes due", clock.TickSecond);
        Assert.Contains(await ManagersOverdueAsync(scenario), t => t.GetProperty("kind").GetString() == "FollowUpVenue");
        Assert.Equal(venueId, (await RankingAsync(scenario))[0]);

        // Nobody but Älvby's licensing unit may record it.
        var path = $"/api/inspections/supervision-cases/{caseId}/follow-up";
        using (var police = await scenario.Police.PostAsync(path, new { note = Reviewed }))
        {
            Assert.Equal(HttpStatusCode.NotFound, police.StatusCode);
        }

        foreach (var (email, status) in new[] { ("licensing.staff@sjostad.demo", HttpStatusCode.NotFound), ("licensing.administrator@alvby.demo", HttpStatusCode.NotFound), ("licensing.auditor@alvby.demo", HttpStatusCode.Forbidden) })
        {
            using var other = new InspectionsClient(scenario.Host, email);
            using var refused = await other.PostAsync(path, new { note = Reviewed });
            Assert.True(refused.StatusCode == status, $"{email}: {(int)refused.StatusCode}");
        }

        // The note is required, at most 1,000 characters, and plain text.
        foreach (var note in new[] { "", "   ", new string('x', 1001), "Reviewed\u0007" })
        {
            using var invalid = await scenario.Officer.PostAsync(path, new { note });
            var problem = await InspectionsClient.ReadAsync(invalid, HttpStatusCode.BadRequest);
            Assert.Equal(["note"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(2, (await OpenFollowUpTasksAsync(scenario, caseId)).Count);

        // On the case page: the form is shown while the follow-up is due; an empty note is named at its field, in Swedish.
        using var browser = scenario.Host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await TokenAsync(browser);
        var page = $"/Inspections/Case?id={caseId}";
        var antiforgery = await PageForms.AntiforgeryTokenAsync(browser, page, token);
        using (var opened = await SendAsync(browser, HttpMethod.Get, page, token))
        {
            var html = WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
            Assert.Contains("Registrera uppföljningen som gjord", html, StringComparison.Ordinal);
        }

        using (var empty = await PageForms.PostAsync(browser, $"{page}&handler=FollowUp", antiforgery, [new("Input.FollowUpNote", "")], token))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            var html = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
            Assert.Contains("id=\"Input_FollowUpNote-error\"", html, StringComparison.Ordinal);
            Assert.Contains("Skriv vad uppföljningen gick igenom, högst 1 000 tecken.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("This field is required.", html, StringComparison.Ordinal);
        }

        using (var held = await PageForms.PostAsync(browser, $"{page}&handler=FollowUp", antiforgery, [new("Input.FollowUpNote", Reviewed)], token))
        {
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        }

        // Both tasks done with the note, off the managers' list; the rival venue is first again; the history says so.
        Assert.Empty(await OpenFollowUpTasksAsync(scenario, caseId));
        var done = (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "FollowUpVenue").ToList();
        Assert.Equal(2, done.Count);
        Assert.All(done, t => Assert.Equal(("Done", Reviewed), (t.GetProperty("status").GetString(), t.GetProperty("note").GetString())));
        Assert.DoesNotContain(await ManagersOverdueAsync(scenario), t => t.GetProperty("kind").GetString() == "FollowUpVenue");
        Assert.Equal(rival, (await RankingAsync(scenario))[0]);
        var risk = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/risk");
        Assert.DoesNotContain(risk.GetProperty("factors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "SupervisionFollowUpDue");
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "FollowUpHeld"
            && e.GetProperty("text").GetString() == $"The six-monthly follow-up of the supervision was held: {Reviewed}"
            && e.GetProperty("supervisionCaseId").GetGuid() == caseId);
        using (var opened = await SendAsync(browser, HttpMethod.Get, page, token))
        {
            Assert.DoesNotContain("Registrera uppföljningen som gjord", WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The cycle keeps its dates; a second recording finds nothing due.
        Assert.Equal(secondFollowUp.AddMonths(6), (await scenario.SupervisionCaseAsync(caseId)).GetProperty("nextFollowUpAt").GetDateTimeOffset());
        using (var again = await scenario.Officer.PostAsync(path, new { note = Reviewed }))
        {
            Assert.Equal("No follow-up due", (await InspectionsClient.ReadAsync(again, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        }
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_visit_while_the_follow_up_is_due_is_the_follow_up_and_closing_the_case_cancels_the_next_one(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (venueId, caseId, firstFollowUp) = await FollowUpCycleAsync(scenario);

        // A clean visit a week after the follow-up came due.
        var evening = new DateTimeOffset(DateOnly.FromDateTime(firstFollowUp.UtcDateTime).AddDays(7).ToDateTime(new TimeOnly(19, 30)), TimeSpan.Zero);
        var roundId = await scenario.AcceptedRoundAsync(venueId, evening.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        clock.AdvanceTo(evening.AddHours(3));
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId, evening, Item("serving.order-and-sobriety", "Ok"), Item("serving.serving-hours", "Ok"));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        Assert.Empty(await OpenFollowUpTasksAsync(scenario, caseId));
        Assert.Equal(JsonValueKind.Null, (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("followUpDueAt").ValueKind);
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        var held = Assert.Single(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "FollowUpHeld");
        Assert.Equal(visitId, held.GetProperty("visitId").GetGuid());
        Assert.Contains("counts as the six-monthly follow-up of the supervision (recorded automatically with the visit)", held.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The next follow-up comes due on its date; the supervision ends before it is held.
        var secondFollowUp = firstFollowUp.AddMonths(6);
        clock.AdvanceTo(secondFollowUp.AddMinutes(1));
        var task = (await Poll.UntilAsync(() => OpenFollowUpTasksAsync(scenario, caseId), tasks => tasks.Count == 1, WorkflowWait, "the second follow-up comes due", clock.TickSecond)).Single();
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/close");

        var cancelled = (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task.GetProperty("id").GetGuid());
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        clock.AdvanceTo(secondFollowUp.AddMonths(7));
        Assert.DoesNotContain(await ManagersOverdueAsync(scenario), t => t.GetProperty("kind").GetString() == "FollowUpVenue");
    }

    /// <summary>
    /// The visit of a round from before the follow-up came due, recorded after it did, saw the
    /// venue before the half-year the follow-up reviews: the follow-up stays due.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_visit_from_before_the_follow_up_came_due_recorded_late_does_not_hold_it(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var earlier = DateTimeOffset.MinValue;
        var roundId = Guid.Empty;
        var (venueId, caseId, _) = await FollowUpCycleAsync(scenario, async (venue, firstFollowUp) =>
        {
            earlier = new DateTimeOffset(DateOnly.FromDateTime(firstFollowUp.UtcDateTime).AddDays(-3).ToDateTime(new TimeOnly(19, 30)), TimeSpan.Zero);
            roundId = await scenario.AcceptedRoundAsync(venue, earlier.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        });

        using (var late = await scenario.RecordVisitAsync(roundId, venueId, earlier, Item("serving.order-and-sobriety", "Ok")))
        {
            await InspectionsClient.ReadAsync(late, HttpStatusCode.Created);
        }

        Assert.Single(await OpenFollowUpTasksAsync(scenario, caseId));
        Assert.NotEqual(JsonValueKind.Null, (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("followUpDueAt").ValueKind);
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "FollowUpHeld");
    }

    /// <summary>
    /// The case is closed while its follow-up timer is on its way (the workflow has not yet taken
    /// the close): the timer adds no follow-up task, marks the venue due for nothing, and sets no
    /// next timer. Before, it left a task no one could complete, escalating to the managers.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_follow_up_timer_taken_after_the_case_was_closed_adds_no_task_and_no_next_timer(HostBackend backend)
    {
        var held = new HeldMessage(m => m is Coordination.Contracts.Inspections.SupervisionCaseClosed);
        await using var scenario = await StartAsync(backend, services => services.AddConsumeObserver(_ => held));
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var cases = $"/api/inspections/supervision-cases/{caseId}";
        var decided = await scenario.FinalVarningAsync(caseId);
        Task<Guid?> TokenAsync() => scenario.Host.WithDatabaseAsync(db => db.Set<SupervisionCaseState>().Where(s => s.CorrelationId == caseId).Select(s => s.FollowUpToken).SingleAsync());
        var timer = await Poll.UntilAsync(TokenAsync, t => t is not null, WorkflowWait, "the follow-up timer set");

        await scenario.Officer.PostJsonAsync($"{cases}/close");
        await held.Reached.Task.WaitAsync(WorkflowWait);
        clock.AdvanceTo(decided.GetProperty("nextFollowUpAt").GetDateTimeOffset().AddMinutes(1));
        var after = await Poll.UntilAsync(TokenAsync, t => t != timer, WorkflowWait, "the follow-up timer taken", clock.TickSecond);

        Assert.Null(after);
        Assert.Empty(await OpenFollowUpTasksAsync(scenario, caseId));
        Assert.Equal(JsonValueKind.Null, (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("followUpDueAt").ValueKind);
        held.Release.SetResult();
        await Poll.UntilAsync(() => scenario.Host.WithDatabaseAsync(db => db.Set<SupervisionCaseState>().AnyAsync(s => s.CorrelationId == caseId)), gone => !gone, WorkflowWait, "the case's workflow ends");
    }

    /// <summary>
    /// A varning decided, not appealed, and its first six-monthly follow-up come due (its task on the
    /// officer's list); <paramref name="beforeFollowUp"/> runs just before the clock reaches it.
    /// </summary>
    private static async Task<(Guid VenueId, Guid CaseId, DateTimeOffset FirstFollowUp)> FollowUpCycleAsync(
        InspectionScenario scenario, Func<Guid, DateTimeOffset, Task>? beforeFollowUp = null)
    {
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var decided = await scenario.FinalVarningAsync(caseId);
        var firstFollowUp = decided.GetProperty("nextFollowUpAt").GetDateTimeOffset();
        if (beforeFollowUp is not null)
        {
            await beforeFollowUp(venueId, firstFollowUp);
        }

        clock.AdvanceTo(firstFollowUp.AddMinutes(1));
        await Poll.UntilAsync(() => OpenFollowUpTasksAsync(scenario, caseId), tasks => tasks.Count == 1, WorkflowWait, "the first follow-up comes due", clock.TickSecond);
        return (venueId, caseId, firstFollowUp);
    }

    private static async Task<List<JsonElement>> OpenFollowUpTasksAsync(InspectionScenario scenario, Guid caseId) =>
        (await scenario.OfficerTasksAsync()).EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "FollowUpVenue" && t.GetProperty("supervisionCaseId").GetGuid() == caseId)
            .ToList();

    private static async Task<List<JsonElement>> ManagersOverdueAsync(InspectionScenario scenario) =>
        (await scenario.Manager.GetJsonAsync($"/api/overdue?municipalityId={scenario.MunicipalityId}")).GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("inspectionTasks").EnumerateArray())
            .ToList();

    private static async Task<List<Guid>> RankingAsync(InspectionScenario scenario) =>
        (await scenario.Officer.GetJsonAsync($"/api/inspections/risk?municipalityId={scenario.MunicipalityId}")).EnumerateArray()
            .Select(r => r.GetProperty("venueId").GetGuid())
            .ToList();

    private static async Task<string> TokenAsync(HttpClient client)
    {
        using var signIn = await client.PostAsJsonAsync("/api/auth/token", new { email = "licensing.staff@alvby.demo", password = InspectionsClient.DemoPassword });
        return (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }
}
