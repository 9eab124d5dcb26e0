using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class ReInspectionTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_re_inspection_is_reminded_before_its_date_escalates_when_missed_and_is_done_by_the_next_visit(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId,
            Item("serving.outdoor-area", "Remark", "The outdoor area is not marked off."),
            Item("serving.fire-safety", "Ok"));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var outcome = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "MinorRemarks" });
        var due = outcome.GetProperty("reInspectionDueAt").GetDateTimeOffset();

        // The outcome came at midnight in Stockholm, 28 November: due by the end of the 60th day
        // after it in Stockholm (27 January), not at the hour of the outcome and not by the UTC date.
        Assert.Equal(new DateTimeOffset(2027, 1, 28, 0, 0, 0, TimeSpan.FromHours(1)), due);

        // A week before the date the officer is reminded; when it passes the managers see it.
        scenario.Host.Clock.AdvanceTo(due - TimeSpan.FromDays(6));
        var reminded = await Poll.UntilAsync(() => ReInspectionTaskAsync(scenario, venueId), t => t.GetProperty("reminders").GetInt32() == 1, WorkflowWait, "the re-inspection reminded", scenario.Host.Clock.TickSecond);
        Assert.Equal(JsonValueKind.Null, reminded.GetProperty("escalatedAt").ValueKind);
        var taskId = reminded.GetProperty("id").GetGuid();
        Assert.DoesNotContain(taskId, await OverdueInspectionTasksAsync(scenario));
        scenario.Host.Clock.AdvanceTo(due + TimeSpan.FromMinutes(1));
        var escalated = await Poll.UntilAsync(() => ReInspectionTaskAsync(scenario, venueId), t => t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the missed re-inspection escalated", scenario.Host.Clock.TickSecond);
        Assert.Equal("Open", escalated.GetProperty("status").GetString());

        // Escalated, it is in the licensing managers' overdue list and on their dashboard.
        Assert.Contains(taskId, await OverdueInspectionTasksAsync(scenario));
        using (var dashboard = await scenario.Manager.GetAsync("/Dashboard"))
        {
            var html = System.Net.WebUtility.HtmlDecode(await dashboard.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("Försenade tillsynsuppgifter", html, StringComparison.Ordinal);
            Assert.Contains(escalated.GetProperty("title").GetString()!, html, StringComparison.Ordinal);

            // The weekly chart's table counts it in its last week (inspection tasks are its fourth series).
            var weeks = System.Text.RegularExpressions.Regex.Matches(html, "<tr><th scope=\"row\">[^<]*</th><td>\\d+</td><td>\\d+</td><td>\\d+</td><td>(?<inspections>\\d+)</td></tr>");
            Assert.NotEmpty(weeks);
            Assert.True(int.Parse(weeks[^1].Groups["inspections"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, "The chart's last week counts no overdue inspection task.");
        }

        // The late re-inspection itself closes the task and clears the venue's date.
        var date = DateOnly.FromDateTime(scenario.Host.Clock.GetUtcNow().UtcDateTime).AddDays(3);
        var again = await scenario.AcceptedRoundAsync(venueId, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var evening = new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 30)), TimeSpan.Zero);
        scenario.Host.Clock.AdvanceTo(evening.AddHours(2));
        using (var revisit = await scenario.RecordVisitAsync(again, venueId, evening, Item("serving.outdoor-area", "Ok")))
        {
            await InspectionsClient.ReadAsync(revisit, HttpStatusCode.Created);
        }

        var done = await ReInspectionTaskAsync(scenario, venueId);
        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.DoesNotContain(taskId, await OverdueInspectionTasksAsync(scenario));
        var venue = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        Assert.Equal(JsonValueKind.Null, venue.GetProperty("reInspectionDueAt").ValueKind);
    }

    /// <summary>
    /// The visit of an earlier round, recorded after the remarks of a later one: it saw the venue
    /// before the remarks were made, so it re-inspects nothing, and the venue was last visited when
    /// the remarks were made, not on that earlier evening.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_visit_of_an_earlier_round_recorded_late_is_not_the_re_inspection_and_not_the_last_visit(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var thursday = await scenario.AcceptedRoundAsync(venueId, "2026-11-26");
        var friday = await scenario.AcceptedRoundAsync(venueId, "2026-11-27");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        var fridayEvening = new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero);
        using var recorded = await scenario.RecordVisitAsync(friday, venueId, fridayEvening, Item("serving.outdoor-area", "Remark", "The outdoor area is not marked off."));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var outcome = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "MinorRemarks" });
        var due = outcome.GetProperty("reInspectionDueAt").GetDateTimeOffset();

        using (var late = await scenario.RecordVisitAsync(thursday, venueId, new DateTimeOffset(2026, 11, 26, 20, 30, 0, TimeSpan.Zero), Item("serving.outdoor-area", "Ok")))
        {
            await InspectionsClient.ReadAsync(late, HttpStatusCode.Created);
        }

        Assert.Equal("Open", (await ReInspectionTaskAsync(scenario, venueId)).GetProperty("status").GetString());
        var venue = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        Assert.Equal(due, venue.GetProperty("reInspectionDueAt").GetDateTimeOffset());
        Assert.Equal(fridayEvening, venue.GetProperty("lastVisitedAt").GetDateTimeOffset());
    }

    /// <summary>
    /// A varning asks for a re-inspection from the day it is decided. The visit of a round between
    /// the remarks and the decision, recorded after the decision, saw the venue before it was told
    /// to put things right: it is not that re-inspection, which stays open with its date.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_visit_before_a_sanction_was_decided_is_not_the_re_inspection_the_sanction_asks_for(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var between = await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        await scenario.DecideVarningAsync(caseId);
        var due = (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("reInspectionDueAt").GetDateTimeOffset();

        using (var late = await scenario.RecordVisitAsync(between, venueId, new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero), Item("serving.no-serving-under-18", "Ok")))
        {
            await InspectionsClient.ReadAsync(late, HttpStatusCode.Created);
        }

        Assert.Equal("Open", (await ReInspectionTaskAsync(scenario, venueId)).GetProperty("status").GetString());
        Assert.Equal(due, (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("reInspectionDueAt").GetDateTimeOffset());
    }

    /// <summary>The inspection tasks in the licensing manager's overdue list.</summary>
    private static async Task<List<Guid>> OverdueInspectionTasksAsync(InspectionScenario scenario) =>
        [.. (await scenario.Manager.GetJsonAsync("/api/overdue")).GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("inspectionTasks").EnumerateArray())
            .Select(t => t.GetProperty("id").GetGuid())];

    private static async Task<JsonElement> ReInspectionTaskAsync(InspectionScenario scenario, Guid venueId) =>
        (await scenario.OfficerTasksAsync(open: false)).EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "ReInspectVenue" && t.GetProperty("venueId").GetGuid() == venueId);
}
