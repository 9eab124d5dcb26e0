using System.Net;
using Coordination.Testing;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class InspectionJourneyTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_of_three_venues_ends_in_a_varning_a_re_inspection_and_a_six_month_follow_up(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var officer = scenario.Officer;

        // Register: the risk ranking puts the dancing, young, complained-about venue first, with its reasons.
        var nightclub = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680", dancing: true, youngCrowd: true, complaints: 2);
        var pub = await scenario.RegisterVenueAsync("Puben", "556123-4567");
        var bistro = await scenario.RegisterVenueAsync("Bistron", "556765-4321");
        var ranking = await officer.GetJsonAsync($"/api/inspections/risk?municipalityId={scenario.MunicipalityId}");
        Assert.Equal(nightclub, ranking[0].GetProperty("venueId").GetGuid());
        var factors = ranking[0].GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("factor").GetString()).ToList();
        Assert.Contains("Dancing", factors);
        Assert.Contains("YoungCrowd", factors);
        Assert.Contains("Complaints", factors);
        Assert.Contains("LateHours", factors);

        // Plan a round of the three; the police see when, where and their own checklist items.
        var roundId = await scenario.PlanRoundAsync(nightclub, pub, bistro);
        var request = await scenario.PoliceRequestAsync(roundId);
        var policeView = await scenario.Police.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal(3, policeView.GetProperty("venues").GetArrayLength());
        var policeItems = policeView.GetProperty("venues")[0].GetProperty("checklist").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Contains("serving.no-serving-under-18", policeItems);
        Assert.DoesNotContain("serving.cash-register", policeItems);
        Assert.False(policeView.TryGetProperty("participation", out _));

        // The police accept: the round is confirmed as a joint round.
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/accept");
        var round = await officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal("Confirmed", round.GetProperty("status").GetString());
        Assert.True(round.GetProperty("isJoint").GetBoolean());

        // The evening: serious remarks at the nightclub, none at the other two.
        clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var serious = await scenario.RecordVisitAsync(roundId, nightclub,
            Item("serving.no-serving-under-18", "Remark", "Two guests aged 16 and 17 were served beer."),
            Item("serving.order-and-sobriety", "Remark", "Heavily intoxicated guests; fights in the queue."),
            Item("serving.responsible-person-on-site", "Ok"),
            Item("tobacco.age-sign", "NotChecked"));
        var visitId = (await InspectionsClient.ReadAsync(serious, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var venue in new[] { pub, bistro })
        {
            using var clean = await scenario.RecordVisitAsync(roundId, venue, Item("serving.order-and-sobriety", "Ok"), Item("serving.serving-hours", "Ok"));
            await InspectionsClient.ReadAsync(clean, HttpStatusCode.Created);
        }

        var promise = await officer.GetJsonAsync($"/api/inspections/joint-rounds?municipalityId={scenario.MunicipalityId}&year=2026");
        Assert.Equal(1, promise.GetProperty("done").GetInt32());

        // Ten working days for the protocol: two working days before, the officer is reminded.
        var protocolTask = (await scenario.OfficerTasksAsync()).EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "SendProtocol" && t.GetProperty("visitId").GetGuid() == visitId);
        var protocolDue = protocolTask.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero), protocolDue);
        clock.AdvanceTo(new DateTimeOffset(2026, 12, 9, 15, 1, 0, TimeSpan.Zero));
        await Poll.UntilAsync(
            async () => (await scenario.OfficerTasksAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == protocolTask.GetProperty("id").GetGuid()),
            t => t.GetProperty("reminders").GetInt32() == 1, WorkflowWait, "the officer is reminded to send the protocol", clock.TickSecond);

        // The printable protocol, then sent to the licensee on time.
        using var page = await officer.GetAsync($"/api/inspections/visits/{visitId}/protocol");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Klubb Natt", html, StringComparison.Ordinal);
        Assert.Contains("Two guests aged 16 and 17 were served beer.", html, StringComparison.Ordinal);
        Assert.Contains("Ordning och nykterhet, kön inräknad", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.True((await officer.PostJsonAsync($"/api/inspections/visits/{visitId}/protocol/sent")).GetProperty("onTime").GetBoolean());

        // Serious remarks open a supervision case; the proposal of a varning is communicated.
        var outcome = await officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "SeriousRemarks" });
        var caseId = outcome.GetProperty("supervisionCaseId").GetGuid();
        var communicated = await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        var replyDue = communicated.GetProperty("replyDueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.FromHours(1)), replyDue);

        // The police never see the municipality's deliberations before the decision.
        using (var policeCase = await scenario.Police.GetAsync($"/api/inspections/supervision-cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, policeCase.StatusCode);
        }

        // No reply in time: the case is ready for the board, and the officer gets the task.
        clock.AdvanceTo(replyDue.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", scenario.Host.Clock.TickSecond);
        Assert.Contains((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "DecideSupervisionCase" && t.GetProperty("supervisionCaseId").GetGuid() == caseId);

        // Varning decided: in the venue's history, with a re-inspection scheduled and three weeks to appeal.
        var decided = await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/decision", new { sanction = "Varning" });
        Assert.Equal("AppealWindowOpen", decided.GetProperty("status").GetString());
        var history = await officer.GetJsonAsync($"/api/inspections/venues/{nightclub}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "SanctionDecided" && e.GetProperty("sanction").GetString() == "Varning");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "ReInspectionScheduled");
        Assert.Contains((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "ReInspectVenue" && t.GetProperty("venueId").GetGuid() == nightclub);
        var venueAfter = await officer.GetJsonAsync($"/api/inspections/venues/{nightclub}");
        Assert.NotEqual(JsonValueKind.Null, venueAfter.GetProperty("reInspectionDueAt").ValueKind);

        // An appeal cannot have arrived before the decision it appeals.
        using (var early = await officer.PostAsync($"/api/inspections/supervision-cases/{caseId}/appeal", new { receivedAt = clock.GetUtcNow().AddDays(-30), text = "Överklagande" }))
        {
            var problem = await InspectionsClient.ReadAsync(early, System.Net.HttpStatusCode.BadRequest);
            Assert.Equal(["receivedAt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        clock.AdvanceTo(decided.GetProperty("appealEndsAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", scenario.Host.Clock.TickSecond);

        // Six months after the decision the follow-up comes due and the venue tops the risk selection.
        // The service was down that day: the follow-up comes three days late, and the next keeps its date.
        var firstFollowUp = decided.GetProperty("nextFollowUpAt").GetDateTimeOffset();
        clock.AdvanceTo(firstFollowUp.AddDays(3));
        await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "FollowUpVenue" && t.GetProperty("venueId").GetGuid() == nightclub), WorkflowWait, "the six-month follow-up comes due", clock.TickSecond);
        Assert.Equal(firstFollowUp.AddMonths(6), (await scenario.SupervisionCaseAsync(caseId)).GetProperty("nextFollowUpAt").GetDateTimeOffset());
        var risk = await officer.GetJsonAsync($"/api/inspections/risk?municipalityId={scenario.MunicipalityId}");
        Assert.Equal(nightclub, risk[0].GetProperty("venueId").GetGuid());
        Assert.Contains(risk[0].GetProperty("factors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "SupervisionFollowUpDue");
        Assert.Contains(risk[0].GetProperty("factors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "EarlierSanctions");
    }
}
