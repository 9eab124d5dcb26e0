using System.Net;
using System.Text.Json.Nodes;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Text with control characters other than tab and line breaks is refused at the field, for every
/// JSON request: PostgreSQL refuses NUL in text, and the request failed with a 500. Multi-line text
/// is still taken.
/// </summary>
public sealed class ControlCharacterTests
{
    [Fact]
    public async Task A_venue_name_or_concern_description_with_NUL_is_refused_naming_the_field_on_postgres_while_lines_are_kept()
    {
        await using var host = await SecurityHost.CreateAsync(HostBackend.PostgresRabbitMq, "control-chars");
        using var users = new ApiUsers(host);
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.Where(m => m.Code == "9901").Select(m => m.Id).SingleAsync());

        var venue = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SecurityWorld.Venue(alvby)))!.AsObject();
        venue["name"] = "Klubb\u0000Natt";
        var badVenue = await users.PostJsonAsync(SecurityWorld.Licensing, "/api/inspections/venues", venue, HttpStatusCode.BadRequest);
        Assert.Equal(["name"], badVenue.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("control characters", badVenue.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);

        var badConcern = await users.PostJsonAsync(SecurityWorld.Teacher, "/api/concerns", ConcernRequests.Concern(description: "Often absent.\u0000"), HttpStatusCode.BadRequest);
        Assert.Equal(["description"], badConcern.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var onlyNul = await users.PostJsonAsync(SecurityWorld.Teacher, "/api/concerns", ConcernRequests.Concern(description: "\u0000"), HttpStatusCode.BadRequest);
        Assert.Equal(["description"], onlyNul.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<Workflows.Concerns.Concern>().CountAsync()));

        const string lines = "Often absent.\r\nSeen with older youths.\n\tTwice this week.";
        var raised = await users.PostJsonAsync(SecurityWorld.Teacher, "/api/concerns", ConcernRequests.Concern(description: lines), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        var stored = await host.WithDatabaseAsync(db => db.Set<Workflows.Concerns.Concern>().Where(c => c.Id == id).Select(c => c.Description).SingleAsync());
        Assert.Equal(lines, stored);
    }
}
