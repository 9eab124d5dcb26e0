using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Operations;

public sealed class IncidentEndpointsTests(EmbeddedHostFactory host) : IClassFixture<EmbeddedHostFactory>
{
    [Fact]
    public async Task An_administrator_lists_open_incidents_and_retries_one_once()
    {
        // The incident's message names no workflow, so it is for those who administer every
        // municipality: the police's administrator, who serves both.
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "police.administrator@alvby.demo");
        var id = await IncidentAsync();

        using var open = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/incidents?status=Open", token);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var listed = (await open.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("Open", listed.GetProperty("status").GetString());
        Assert.Equal("System.InvalidOperationException", listed.GetProperty("exceptionType").GetString());

        using var retried = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{id}/retry", token);
        using var again = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{id}/retry", token);
        using var stillOpen = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/incidents?status=open", token);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain((await stillOpen.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task An_incident_of_no_known_municipality_is_hidden_from_an_administrator_of_one()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var id = await IncidentAsync();

        using var list = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/incidents", token);
        using var retry = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{id}/retry", token);

        Assert.DoesNotContain((await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
    }

    [Fact]
    public async Task An_unknown_incident_or_status_is_a_problem_naming_it()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var id = Guid.NewGuid();

        using var unknown = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{id}/retry", token);
        using var badStatus = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/incidents?status=Broken", token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(id, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.True((await badStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task A_staff_member_may_not_retry_incidents()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "police.staff@alvby.demo");

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{Guid.NewGuid()}/retry", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<Guid> IncidentAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var incident = OpenIncident.Of("loopback://localhost/operations-test-incidents", null, host.Clock.GetUtcNow());
        db.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }
}
