using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// <c>If-Match</c> was compared as a string: the current version unquoted or weak was answered
    /// 412 "Changed by someone else", though nobody had changed the venue.
    /// </summary>
    [Theory]
    [InlineData("{0}")]
    [InlineData("W/\"{0}\"")]
    public async Task An_if_match_that_cannot_be_read_is_refused_naming_if_match_and_changes_nothing(string form)
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Form", "556016-0680");
        using var read = await scenario.Officer.GetAsync($"/api/inspections/venues/{venueId}");
        var current = read.Headers.ETag!.Tag.Trim('"');

        using var response = await scenario.Officer.PutAsync(
            $"/api/inspections/venues/{venueId}", scenario.VenueBody("Klubb Form", "556016-0680", complaints: 2), string.Format(System.Globalization.CultureInfo.InvariantCulture, form, current));

        var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["If-Match"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, (await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("complaints").GetInt32());
    }

    /// <summary>
    /// A change without <c>If-Match</c> is saved whatever the version; one saved by someone else at
    /// the very moment it was being saved was answered 412 for a precondition the client never sent.
    /// </summary>
    [Fact]
    public async Task A_change_without_if_match_saved_at_the_same_moment_as_another_answers_409_and_the_other_is_kept()
    {
        Func<Task>? other = null;
        var interceptor = new OtherFirst(() => other!())
        {
            When = context => other is not null && context.ChangeTracker.Entries<Venue>().Any(e => e.State == EntityState.Modified),
        };
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var venueId = await scenario.RegisterVenueAsync("Klubb Samtidig", "556016-0680");
        var path = $"/api/inspections/venues/{venueId}";
        HttpStatusCode? theirs = null;
        other = async () =>
        {
            using var response = await scenario.Manager.PutAsync(path, scenario.VenueBody("Klubb Samtidig", "556016-0680", complaints: 1));
            theirs = response.StatusCode;
        };

        using var mine = await scenario.Officer.PutAsync(path, scenario.VenueBody("Klubb Samtidig", "556016-0680", dancing: true));

        Assert.True(interceptor.Fired, "the manager's change was saved as the officer's began to be");
        Assert.Equal(HttpStatusCode.OK, theirs);
        var problem = await InspectionsClient.ReadAsync(mine, HttpStatusCode.Conflict);
        Assert.Equal("Changed at the same time", problem.GetProperty("title").GetString());
        var venue = await scenario.Officer.GetJsonAsync(path);
        Assert.Equal(1, venue.GetProperty("complaints").GetInt32());
        Assert.False(venue.GetProperty("hasDancing").GetBoolean());
    }
}
