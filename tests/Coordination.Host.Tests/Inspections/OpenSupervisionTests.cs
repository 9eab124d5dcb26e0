using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>Serious remarks at a venue that is already under supervision.</summary>
public sealed class OpenSupervisionTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Serious_remarks_join_the_open_case_before_its_decision_and_get_a_case_of_their_own_after_it_is_closed(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");

        // A week later, before any decision: the new remarks go to the case the board has yet to decide.
        var second = await SeriousVisitAsync(scenario, venueId, new DateOnly(2026, 12, 4));
        var joined = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{second}/outcome", new { outcome = "SeriousRemarks" });
        Assert.Equal(caseId, joined.GetProperty("supervisionCaseId").GetGuid());
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "RemarksAddedToSupervision"
            && e.GetProperty("visitId").GetGuid() == second && e.GetProperty("supervisionCaseId").GetGuid() == caseId);
        Assert.Equal("SeriousRemarks", (await scenario.Officer.GetJsonAsync($"/api/inspections/visits/{second}")).GetProperty("outcome").GetString());

        // The case is decided; remarks at the next visit cannot change that decision.
        var cases = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        await scenario.Officer.PostJsonAsync($"{cases}/reply", new { text = "We have new door staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply makes the case ready for decision", scenario.Host.Clock.TickSecond);
        await scenario.Officer.PostJsonAsync($"{cases}/decision", new { sanction = "Varning" });

        var third = await SeriousVisitAsync(scenario, venueId, new DateOnly(2026, 12, 11));
        using (var refused = await scenario.Officer.PostAsync($"/api/inspections/visits/{third}/outcome", new { outcome = "SeriousRemarks" }))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal("Supervision case already decided", problem.GetProperty("title").GetString());
        }

        Assert.Equal(JsonValueKind.Null, (await scenario.Officer.GetJsonAsync($"/api/inspections/visits/{third}")).GetProperty("outcome").ValueKind);

        // Once the decided case is closed, the same outcome opens a case of its own.
        await scenario.Officer.PostJsonAsync($"{cases}/close");
        var opened = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{third}/outcome", new { outcome = "SeriousRemarks" });
        var newCase = opened.GetProperty("supervisionCaseId").GetGuid();
        Assert.NotEqual(caseId, newCase);
        Assert.Equal("Opened", (await scenario.SupervisionCaseAsync(newCase)).GetProperty("status").GetString());
    }

    /// <summary>
    /// Serious remarks of a later visit may join a case whose proposal was already communicated;
    /// the board then decided on them without the licensee ever being told (förvaltningslagen
    /// 25 §). Now the decision waits for a new kommunicering, which may propose the same sanction.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Remarks_joining_a_case_after_its_kommunicering_are_communicated_before_the_board_decides(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var cases = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        await scenario.Officer.PostJsonAsync($"{cases}/reply", new { text = "We have new door staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply makes the case ready for decision", clock.TickSecond);

        var later = await SeriousVisitAsync(scenario, venueId, new DateOnly(2026, 12, 4));
        var joined = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{later}/outcome", new { outcome = "SeriousRemarks" });
        Assert.Equal(caseId, joined.GetProperty("supervisionCaseId").GetGuid());
        using (var refused = await scenario.Officer.PostAsync($"{cases}/decision", new { sanction = "Varning" }))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal("Remarks not communicated", problem.GetProperty("title").GetString());
        }

        Assert.Equal(JsonValueKind.Null, (await scenario.SupervisionCaseAsync(caseId)).GetProperty("decision").ValueKind);

        // The case page offers a new kommunicering, not only a harsher one.
        using (var page = await scenario.Officer.GetAsync($"/Inspections/Case?id={caseId}"))
        {
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Contains("<h2>Kommunicera ett nytt förslag</h2>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("strängare förslag", html, StringComparison.Ordinal);
        }

        // Told of both visits at the same sanction, the licensee replies; then the board decides.
        clock.Advance(TimeSpan.FromHours(1));
        await scenario.Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning for the visits of 27 November and 4 December." });
        await scenario.Officer.PostJsonAsync($"{cases}/reply", new { text = "We have trained the staff again." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the second reply makes the case ready for decision", clock.TickSecond);
        var decided = await scenario.Officer.PostJsonAsync($"{cases}/decision", new { sanction = "Varning" });
        Assert.Equal("Varning", decided.GetProperty("decision").GetString());
    }

    private static async Task<Guid> SeriousVisitAsync(InspectionScenario scenario, Guid venueId, DateOnly date)
    {
        var roundId = await scenario.AcceptedRoundAsync(venueId, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var evening = new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 30)), TimeSpan.Zero);
        scenario.Host.Clock.AdvanceTo(evening.AddHours(3));
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId, evening,
            Item("serving.no-serving-under-18", "Remark", "A guest aged 17 was served."),
            Item("serving.fire-safety", "Ok"));
        return (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_case_list_shows_the_ongoing_cases_and_filters_by_venue_and_status()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");

        async Task<string> ListAsync(string query)
        {
            using var response = await scenario.Officer.GetAsync($"/Inspections/Cases?municipalityId={scenario.MunicipalityId}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var ongoing = await ListAsync("");
        Assert.Contains(">Klubb Natt</a>", ongoing, StringComparison.Ordinal);
        Assert.Contains("1 av 1 tillsynsärenden visas.", ongoing, StringComparison.Ordinal);

        var closed = await ListAsync("status=Closed");
        Assert.DoesNotContain(">Klubb Natt</a>", closed, StringComparison.Ordinal);
        Assert.Contains("0 av 1 tillsynsärenden visas.", closed, StringComparison.Ordinal);

        Assert.Contains(">Klubb Natt</a>", await ListAsync("status=Opened&search=natt"), StringComparison.Ordinal);
        Assert.DoesNotContain(">Klubb Natt</a>", await ListAsync("search=H%C3%B6rnet"), StringComparison.Ordinal);

        // An unknown status says so at the filter and shows the ongoing cases.
        var unknown = await ListAsync("status=Finished");
        Assert.Contains("Okänd status i adressen", unknown, StringComparison.Ordinal);
        Assert.Contains(">Klubb Natt</a>", unknown, StringComparison.Ordinal);
    }
}
