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

    /// <summary>
    /// A round's venues are kept in one column of 4,000 characters: a round of 109 registered
    /// venues was refused by PostgreSQL with a 500 (SQLite stored it). Now a round has at most
    /// <c>InspectionRound.MaxVenues</c> (100), and more is refused naming the field.
    /// </summary>
    /// <summary>
    /// The list was made distinct before it was checked, so with a venue named twice the error
    /// named the place of a valid venue (venueIds[1]) instead of the unknown one's (venueIds[2]).
    /// </summary>
    [Fact]
    public async Task An_unknown_venue_after_a_venue_named_twice_is_refused_at_its_place_in_the_list_as_sent()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Två", "556016-0680");

        using var refused = await scenario.Officer.PostAsync("/api/inspections/rounds", new
        {
            municipalityId = scenario.MunicipalityId, date = "2026-11-27", eveningStart = "21:00", eveningEnd = "01:00", venueIds = new[] { venueId, venueId, Guid.NewGuid() },
        });

        var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["venueIds[2]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_of_more_venues_than_its_column_holds_is_refused_naming_the_field_and_one_of_a_hundred_is_planned(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venues = new List<Guid>();
        for (var i = 0; i < 109; i++)
        {
            venues.Add(await scenario.RegisterVenueAsync($"Krogen {i}", "556016-0680"));
        }

        using (var refused = await scenario.Officer.PostAsync("/api/inspections/rounds", new
        {
            municipalityId = scenario.MunicipalityId, date = "2026-11-27", eveningStart = "21:00", eveningEnd = "01:00", venueIds = venues,
        }))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["venueIds"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal("A round visits at most 100 venues.", problem.GetProperty("errors").GetProperty("venueIds")[0].GetString());
        }

        var roundId = await scenario.PlanRoundAsync([.. venues.Take(100)]);
        var round = await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal(venues.Take(100).Order(), round.GetProperty("venues").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).Order());
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
