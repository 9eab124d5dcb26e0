using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Supervision;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// A reply or an appeal the licensee sent in time, entered by an official only after its timer
/// fired (the reply time ran out, the appeal window closed). It takes effect as if entered in time,
/// as far as that is still possible, and the case says when it was received and when entered.
/// Before, both were refused: the appeal with "a late appeal is sent on to the court", untrue of
/// one received in time, and the reply with "a reply is recorded only while the reply time runs";
/// what the licensee sent in time was lost. One received after the deadline is refused as before,
/// naming <c>receivedAt</c>.
/// </summary>
public sealed class LateEntryTests
{
    private const string ReplyText = "We have trained the staff and hired two more guards.";
    private const string AppealText = "The licensee appeals the varning to the administrative court.";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_appeal_received_in_the_window_and_entered_after_the_window_closed_makes_the_case_appealed(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (venueId, caseId, decided) = await DecidedVarningAsync(scenario);
        var path = $"/api/inspections/supervision-cases/{caseId}/appeal";
        var appealEnds = decided.GetProperty("appealEndsAt").GetDateTimeOffset();

        // The appeal arrives two days before the window closes; the window's timer marks the decision final.
        var received = appealEnds.AddDays(-2);
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", clock.TickSecond);
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "UnderFollowUp", WorkflowWait, "the window's timer consumed", clock.TickSecond);

        // Three days later the officer enters it. One received after the window is still refused, naming the field.
        clock.AdvanceTo(appealEnds.AddDays(3));
        foreach (var late in new object[] { new { text = AppealText }, new { receivedAt = appealEnds.AddMinutes(1), text = AppealText } })
        {
            using var refused = await scenario.Officer.PostAsync(path, late);
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["receivedAt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var entered = clock.GetUtcNow();
        var appealed = await scenario.Officer.PostJsonAsync(path, new { receivedAt = received, text = AppealText });

        Assert.Equal("Appealed", appealed.GetProperty("status").GetString());
        Assert.Equal(received, appealed.GetProperty("appealLodgedAt").GetDateTimeOffset());
        Assert.Equal(entered, appealed.GetProperty("appealEnteredAt").GetDateTimeOffset());
        Assert.Equal("Appealed", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());

        // The history keeps the line that said the decision stands, and says after it that it does not.
        var history = (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history")).EnumerateArray().ToList();
        var lodged = Assert.Single(history, e => e.GetProperty("kind").GetString() == "AppealLodged" && e.GetProperty("at").GetDateTimeOffset() == received);
        Assert.Equal($"The licensee appealed the decision: {AppealText}", lodged.GetProperty("text").GetString());
        var final = Assert.Single(history, e => e.GetProperty("kind").GetString() == "DecisionFinal");
        var last = history[^1];
        Assert.Equal("AppealLodged", last.GetProperty("kind").GetString());
        Assert.Equal(entered, last.GetProperty("at").GetDateTimeOffset());
        Assert.True(last.GetProperty("at").GetDateTimeOffset() > final.GetProperty("at").GetDateTimeOffset());
        var correction = last.GetProperty("text").GetString()!;
        Assert.Contains($"received on {received:yyyy-MM-dd}", correction, StringComparison.Ordinal);
        Assert.Contains($"entered on {entered:yyyy-MM-dd}", correction, StringComparison.Ordinal);
        Assert.Contains("not final", correction, StringComparison.Ordinal);

        // A second entry of it is refused as for any appeal already recorded.
        using (var again = await scenario.Officer.PostAsync(path, new { receivedAt = received, text = AppealText }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // The six-monthly follow-ups the window's close set go on, as for an appeal entered in time.
        clock.AdvanceTo(decided.GetProperty("nextFollowUpAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "FollowUpVenue" && t.GetProperty("venueId").GetGuid() == venueId), WorkflowWait, "the follow-up comes due", clock.TickSecond);
        Assert.Equal("Appealed", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
    }

    /// <summary>
    /// An appeal received in time is entered late for as long as that is plausible: the
    /// municipality's <c>lateAppealEntryDays</c> after the window ended (30 by default; here 10).
    /// Before, a final decision could be appealed on the case at any time until it was closed.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_appeal_received_in_time_is_refused_once_the_late_entry_time_after_the_window_ended_has_passed(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        await LateAppealEntryDaysAsync(scenario, 10);

        var (_, caseId, decided) = await DecidedVarningAsync(scenario);
        var path = $"/api/inspections/supervision-cases/{caseId}/appeal";
        var appealEnds = decided.GetProperty("appealEndsAt").GetDateTimeOffset();
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", clock.TickSecond);

        // The case page names the last day an appeal received in time may be entered, as a date.
        using (var page = await scenario.Officer.GetAsync($"/Inspections/Case?id={caseId}"))
        {
            var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            var lastDay = Coordination.Host.WebUi.StockholmTime.LastDay(appealEnds.AddDays(10));
            Assert.Contains($"kan registreras till och med {lastDay:yyyy-MM-dd} med datumet", html, StringComparison.Ordinal);
        }

        clock.AdvanceTo(appealEnds.AddDays(10).AddMinutes(1));
        using var refused = await scenario.Officer.PostAsync(path, new { receivedAt = appealEnds.AddDays(-1), text = AppealText });

        var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("Not open for appeal", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("DecisionFinal", detail, StringComparison.Ordinal);
        Assert.Contains($"{appealEnds.AddDays(10):yyyy-MM-dd}", detail, StringComparison.Ordinal);
        var supervision = await scenario.SupervisionCaseAsync(caseId);
        Assert.Equal("DecisionFinal", supervision.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, supervision.GetProperty("appealLodgedAt").ValueKind);

        // The case still says until when entry was possible; once closed, it says none may be entered.
        Assert.Equal(appealEnds.AddDays(10), supervision.GetProperty("appealEntryEndsAt").GetDateTimeOffset());
        var closed = await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/close");
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("appealEntryEndsAt").ValueKind);
    }

    /// <summary>
    /// The case says until when an appeal may still be entered (<c>appealEntryEndsAt</c>), so that
    /// the case page and other clients need not work it out from the status, the window and the
    /// municipality's settings: the window's end and the municipality's <c>lateAppealEntryDays</c>
    /// after it while the decision may be appealed (also once it is final), nothing once it is
    /// appealed. Nothing before a decision (the reply's test) or once the case is closed (the
    /// refusal's test). Before, only the case page knew, by its own computation.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_case_says_until_when_an_appeal_may_be_entered(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        await LateAppealEntryDaysAsync(scenario, 10);
        var (_, caseId, decided) = await DecidedVarningAsync(scenario);
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var list = $"/api/inspections/supervision-cases?municipalityId={scenario.MunicipalityId}";
        var appealEnds = decided.GetProperty("appealEndsAt").GetDateTimeOffset();
        var entryEnds = appealEnds.AddDays(10);
        Assert.Equal(entryEnds, decided.GetProperty("appealEntryEndsAt").GetDateTimeOffset());
        Assert.Equal(entryEnds, (await scenario.SupervisionCaseAsync(caseId)).GetProperty("appealEntryEndsAt").GetDateTimeOffset());
        var listed = Assert.Single((await scenario.Officer.GetJsonAsync(list)).EnumerateArray());
        Assert.Equal(entryEnds, listed.GetProperty("appealEntryEndsAt").GetDateTimeOffset());

        // The window closes and the decision is final: an appeal received in time may still be entered.
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", clock.TickSecond);
        Assert.Equal(entryEnds, (await scenario.SupervisionCaseAsync(caseId)).GetProperty("appealEntryEndsAt").GetDateTimeOffset());

        var appealed = await scenario.Officer.PostJsonAsync($"{path}/appeal", new { receivedAt = appealEnds.AddDays(-1), text = AppealText });
        Assert.Equal("Appealed", appealed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, appealed.GetProperty("appealEntryEndsAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await scenario.SupervisionCaseAsync(caseId)).GetProperty("appealEntryEndsAt").ValueKind);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reply_received_in_time_and_entered_after_the_reply_time_ran_out_is_on_the_case_and_its_decision_task(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        var due = communicated.GetProperty("replyDueAt").GetDateTimeOffset();
        Assert.Equal(JsonValueKind.Null, communicated.GetProperty("appealEntryEndsAt").ValueKind);

        clock.AdvanceTo(due.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", clock.TickSecond);
        Assert.Equal("The licensee did not reply in time: prepare the decision", Assert.Single(await DecisionTasksAsync(scenario, caseId)).GetProperty("title").GetString());

        // Two days later the officer enters the reply that arrived the day before the deadline. One
        // received after the deadline, or before the proposal was sent, is refused, naming the field.
        clock.AdvanceTo(due.AddDays(2));
        foreach (var wrong in new object[]
        {
            new { text = ReplyText },
            new { receivedAt = due.AddMinutes(1), text = ReplyText },
            new { receivedAt = communicated.GetProperty("kommuniceringSentAt").GetDateTimeOffset().AddMinutes(-1), text = ReplyText },
            new { receivedAt = clock.GetUtcNow().AddMinutes(1), text = ReplyText },
        })
        {
            using var refused = await scenario.Officer.PostAsync($"{path}/reply", wrong);
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["receivedAt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var received = due.AddDays(-1);
        var entered = clock.GetUtcNow();
        var replied = await scenario.Officer.PostJsonAsync($"{path}/reply", new { receivedAt = received, text = ReplyText });

        Assert.Equal("AwaitingDecision", replied.GetProperty("status").GetString());
        Assert.Equal(ReplyText, replied.GetProperty("reply").GetString());
        Assert.Equal(received, replied.GetProperty("repliedAt").GetDateTimeOffset());
        Assert.Equal(entered, replied.GetProperty("replyEnteredAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, replied.GetProperty("appealEntryEndsAt").ValueKind);
        var title = Assert.Single(await DecisionTasksAsync(scenario, caseId)).GetProperty("title").GetString()!;
        Assert.StartsWith("The licensee replied in time", title, StringComparison.Ordinal);
        Assert.Contains($"received {received:yyyy-MM-dd}", title, StringComparison.Ordinal);
        Assert.Contains($"entered {entered:yyyy-MM-dd}", title, StringComparison.Ordinal);

        // Entered once; the board decides with it.
        using (var again = await scenario.Officer.PostAsync($"{path}/reply", new { receivedAt = received, text = ReplyText }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var decided = await scenario.Officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning" });
        Assert.Equal("AppealWindowOpen", decided.GetProperty("status").GetString());
        Assert.Equal(decided.GetProperty("appealEndsAt").GetDateTimeOffset().AddDays(30), decided.GetProperty("appealEntryEndsAt").GetDateTimeOffset());
        Assert.Empty(await DecisionTasksAsync(scenario, caseId));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reply_received_in_time_but_entered_after_the_decision_is_refused_as_a_matter_for_the_officer(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (_, caseId, decided) = await DecidedVarningAsync(scenario, reply: false);
        var received = decided.GetProperty("replyDueAt").GetDateTimeOffset().AddHours(-1);

        using var refused = await scenario.Officer.PostAsync($"/api/inspections/supervision-cases/{caseId}/reply", new { receivedAt = received, text = ReplyText });

        var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("Decided without the reply", problem.GetProperty("title").GetString());
        Assert.Contains("received in time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var supervision = await scenario.SupervisionCaseAsync(caseId);
        Assert.Equal("AppealWindowOpen", supervision.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, supervision.GetProperty("reply").ValueKind);
    }

    /// <summary>
    /// The reply time of an erinran ran out with nothing entered, and a harsher proposal (varning)
    /// was communicated; then the officer finds the licensee's reply to the erinran, received in
    /// time. Before, it was a 400 on <c>receivedAt</c> ("cannot have arrived before" the varning
    /// was communicated), and what the licensee sent in time was lost. It is recorded against the
    /// erinran, judged by the erinran's reply time, and the varning's reply time still runs.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reply_received_in_time_to_a_proposal_since_replaced_by_a_harsher_one_is_recorded_against_that_proposal(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var first = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        var firstSent = first.GetProperty("kommuniceringSentAt").GetDateTimeOffset();
        var firstDue = first.GetProperty("replyDueAt").GetDateTimeOffset();
        clock.AdvanceTo(firstDue.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the erinran's reply time runs out", clock.TickSecond);
        clock.AdvanceTo(firstDue.AddDays(1));
        var second = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "AwaitingReply", WorkflowWait, "the varning communicated", clock.TickSecond);

        // Two days later the officer enters the reply to the erinran that arrived the day before its
        // reply time ended. One received after that reply time, or before the erinran was
        // communicated, is refused naming the field.
        clock.AdvanceTo(firstDue.AddDays(3));
        foreach (var wrong in new[] { firstDue.AddMinutes(1), firstSent.AddMinutes(-1) })
        {
            using var refused = await scenario.Officer.PostAsync($"{path}/reply", new { receivedAt = wrong, text = ReplyText });
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["receivedAt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var received = firstDue.AddDays(-1);
        var entered = clock.GetUtcNow();
        // As long as the API takes: its history line (below) once went past the history's column.
        var longReply = ReplyText + new string('.', 1800 - ReplyText.Length);
        var recorded = await scenario.Officer.PostJsonAsync($"{path}/reply", new { receivedAt = received, text = longReply });

        // It does not answer the varning, whose reply time still runs.
        Assert.Equal("AwaitingReply", recorded.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("reply").ValueKind);
        Assert.Equal(second.GetProperty("replyDueAt").GetDateTimeOffset(), recorded.GetProperty("replyDueAt").GetDateTimeOffset());
        var earlier = Assert.Single(recorded.GetProperty("replacedProposals").EnumerateArray());
        Assert.Equal("Erinran", earlier.GetProperty("proposedSanction").GetString());
        Assert.Equal(firstSent, earlier.GetProperty("kommuniceringSentAt").GetDateTimeOffset());
        Assert.Equal(firstDue, earlier.GetProperty("replyDueAt").GetDateTimeOffset());
        Assert.Equal(longReply, earlier.GetProperty("reply").GetString());
        Assert.Equal(received, earlier.GetProperty("repliedAt").GetDateTimeOffset());
        Assert.Equal(entered, earlier.GetProperty("replyEnteredAt").GetDateTimeOffset());
        Assert.Equal("AwaitingReply", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());

        // The venue's history said the licensee did not reply to the erinran; a line after it says they did.
        var history = (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history")).EnumerateArray().ToList();
        var correction = history[^1].GetProperty("text").GetString()!;
        Assert.Contains("Erinran", correction, StringComparison.Ordinal);
        Assert.Contains($"received on {received:yyyy-MM-dd}", correction, StringComparison.Ordinal);
        Assert.Contains($"entered on {entered:yyyy-MM-dd}", correction, StringComparison.Ordinal);
        Assert.EndsWith(": " + longReply, correction, StringComparison.Ordinal);

        // Entered once.
        using (var again = await scenario.Officer.PostAsync($"{path}/reply", new { receivedAt = received, text = ReplyText }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // The varning's reply time runs out without a reply to it, and the decision task says so.
        clock.AdvanceTo(second.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the varning's reply time runs out", clock.TickSecond);
        Assert.Equal("The licensee did not reply in time: prepare the decision", Assert.Single(await DecisionTasksAsync(scenario, caseId)).GetProperty("title").GetString());
    }

    /// <summary>Sets the municipality's <c>lateAppealEntryDays</c> (30 by default) to <paramref name="days"/>.</summary>
    private static async Task LateAppealEntryDaysAsync(InspectionScenario scenario, int days)
    {
        var settingsPath = $"/api/inspections/settings/{scenario.MunicipalityId}";
        var settings = System.Text.Json.Nodes.JsonNode.Parse((await scenario.Manager.GetJsonAsync(settingsPath)).GetRawText())!.AsObject();
        Assert.Equal(30, settings["lateAppealEntryDays"]!.GetValue<int>());
        settings["lateAppealEntryDays"] = days;
        using var saved = await scenario.Manager.PutAsync(settingsPath, settings);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>A varning decided after the licensee replied (or the reply time ran out without a reply), with its appeal window open.</summary>
    private static async Task<(Guid VenueId, Guid CaseId, JsonElement Decided)> DecidedVarningAsync(InspectionScenario scenario, bool reply = true)
    {
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        if (reply)
        {
            await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = ReplyText });
        }
        else
        {
            clock.AdvanceTo(communicated.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        }

        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the case ready for decision", clock.TickSecond);
        var decided = await scenario.Officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning" });
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "AppealWindowOpen", WorkflowWait, "the decision consumed", clock.TickSecond);
        return (venueId, caseId, decided);
    }

    private static async Task<List<JsonElement>> DecisionTasksAsync(InspectionScenario scenario, Guid caseId) =>
        (await scenario.OfficerTasksAsync()).EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "DecideSupervisionCase" && t.GetProperty("supervisionCaseId").GetGuid() == caseId)
            .ToList();
}
