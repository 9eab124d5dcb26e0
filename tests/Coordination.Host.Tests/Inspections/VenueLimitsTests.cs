using System.Net;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>What the venue register refuses so that no venue can break the ranking or the rounds it is in.</summary>
public sealed class VenueLimitsTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    public async Task More_complaints_than_any_venue_gets_are_refused_naming_the_field_and_the_ranking_still_answers(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);

        foreach (var complaints in new[] { int.MaxValue, 500_000_000, 10_001 })
        {
            using var response = await scenario.Officer.PostAsync("/api/inspections/venues", scenario.VenueBody("Klubb Natt", "556016-0680", complaints: complaints));
            var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("10000", problem.GetProperty("errors").GetProperty("complaints")[0].GetString(), StringComparison.Ordinal);
        }

        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680", complaints: 10_000);
        var risk = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/risk");
        Assert.Equal(50_000, risk.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("factor").GetString() == "Complaints").GetProperty("points").GetInt32());
        var ranking = await scenario.Officer.GetJsonAsync($"/api/inspections/risk?municipalityId={scenario.MunicipalityId}");
        Assert.Equal(venueId, ranking[0].GetProperty("venueId").GetGuid());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    public async Task A_venue_in_a_round_cannot_be_removed_and_the_round_still_shows_it(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);

        using (var refused = await scenario.Officer.DeleteAsync($"/api/inspections/venues/{venueId}"))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal("Venue is in a round", problem.GetProperty("title").GetString());
            Assert.Contains($"2026-11-27 ({roundId})", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        var round = await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal(venueId, round.GetProperty("venues")[0].GetProperty("id").GetGuid());
        var asPolice = await scenario.Police.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal(venueId, asPolice.GetProperty("venues")[0].GetProperty("id").GetGuid());

        // A venue in no round is removed as before.
        var other = await scenario.RegisterVenueAsync("Baren Tom", "556677-8899");
        using var removed = await scenario.Officer.DeleteAsync($"/api/inspections/venues/{other}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }
}
