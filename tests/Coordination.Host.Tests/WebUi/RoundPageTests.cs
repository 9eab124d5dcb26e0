using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Rounds;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The round's page is the licensing officer's way to each venue's checklist. Recording the first
/// visit of a round marks the round done; before, the page then offered the checklist only while
/// the round was confirmed, so the other venues of the evening showed a dash and could not be
/// recorded from the web.
/// </summary>
public sealed class RoundPageTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task After_the_first_visit_of_a_round_is_recorded_the_page_still_offers_the_checklist_of_each_venue_not_yet_visited(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var nightclub = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var pub = await scenario.RegisterVenueAsync("Puben", "556123-4567");
        var roundId = await scenario.PlanRoundAsync(nightclub, pub);
        var request = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/accept");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, "licensing.staff@alvby.demo");

        var confirmed = await PageAsync(browser, roundId);
        Assert.Contains(ChecklistLink(roundId, nightclub), confirmed, StringComparison.Ordinal);
        Assert.Contains(ChecklistLink(roundId, pub), confirmed, StringComparison.Ordinal);

        using var recorded = await scenario.RecordVisitAsync(roundId, nightclub, Item("serving.order-and-sobriety", "Ok"));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal("Done", (await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("status").GetString());

        var done = await PageAsync(browser, roundId);
        Assert.Contains($"/Inspections/Visit?id={visitId}", done, StringComparison.Ordinal);
        Assert.DoesNotContain(ChecklistLink(roundId, nightclub), done, StringComparison.Ordinal);
        Assert.Contains(ChecklistLink(roundId, pub), done, StringComparison.Ordinal);

        // Once every venue of the round is visited, no checklist is offered.
        using var second = await scenario.RecordVisitAsync(roundId, pub, Item("serving.order-and-sobriety", "Ok"));
        await InspectionsClient.ReadAsync(second, HttpStatusCode.Created);
        Assert.DoesNotContain("/Inspections/Checklist?", await PageAsync(browser, roundId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_offers_the_checklist_in_every_state_in_which_the_round_takes_visits_and_only_then()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venue = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venue);
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, "licensing.staff@alvby.demo");
        foreach (var status in Enum.GetValues<RoundStatus>())
        {
            await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionRound>().Where(r => r.Id == roundId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, status)));
            var takesVisits = new InspectionRound { Status = status }.GoesAhead;

            // The page and both views of the API say what the visit endpoint decides, from the round's state.
            Assert.Equal(takesVisits, (await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("goesAhead").GetBoolean());
            Assert.Equal(takesVisits, (await scenario.Police.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("goesAhead").GetBoolean());
            var page = await PageAsync(browser, roundId);
            Assert.True(takesVisits == page.Contains(ChecklistLink(roundId, venue), StringComparison.Ordinal), $"{status}: the checklist is offered exactly when the round takes visits ({takesVisits})");
            Assert.True(takesVisits != page.Contains("Checklistan fylls i när polisen har accepterat rundan", StringComparison.Ordinal), $"{status}: told to wait for the police exactly when the round takes no visits");
        }
    }

    private static string ChecklistLink(Guid roundId, Guid venueId) => $"/Inspections/Checklist?roundId={roundId}&venueId={venueId}";

    private static async Task<string> PageAsync(HttpClient browser, Guid roundId)
    {
        using var response = await browser.GetAsync($"/Inspections/Round?id={roundId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
