using System.Net;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class VenueRegisterTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_change_made_on_details_someone_else_has_changed_since_is_refused_and_the_other_change_is_kept(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        using var read = await scenario.Officer.GetAsync($"/api/inspections/venues/{venueId}");
        var etag = read.Headers.ETag!.Tag;

        // The manager adds a complaint, on the version both read.
        using (var first = await scenario.Manager.PutAsync($"/api/inspections/venues/{venueId}", scenario.VenueBody("Klubb Natt", "556016-0680", complaints: 1), etag))
        {
            var changed = await InspectionsClient.ReadAsync(first, HttpStatusCode.OK);
            Assert.Equal(1, changed.GetProperty("complaints").GetInt32());
            Assert.NotEqual(etag, first.Headers.ETag!.Tag);
        }

        // The officer, still on the old version, turns on dancing: refused, nothing overwritten.
        using (var stale = await scenario.Officer.PutAsync($"/api/inspections/venues/{venueId}", scenario.VenueBody("Klubb Natt", "556016-0680", dancing: true), etag))
        {
            var problem = await InspectionsClient.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal("Changed by someone else", problem.GetProperty("title").GetString());
        }

        var venue = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        Assert.Equal(1, venue.GetProperty("complaints").GetInt32());
        Assert.False(venue.GetProperty("hasDancing").GetBoolean());
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "DetailsChanged");
    }
}
