using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Operations;

public sealed class OperationsEndpointsTests(EmbeddedHostFactory host) : IClassFixture<EmbeddedHostFactory>
{
    [Fact]
    public async Task An_administrator_reads_an_instances_journal_in_order()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var instanceId = Guid.NewGuid();
        await JournalAsync(instanceId, ("Initial", "Started", "Counting", "2026-11-23T08:00:00Z"), ("Counting", "Closed", "Final", "2026-11-23T09:00:00Z"));

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Get, $"/api/operations/workflows/{instanceId}/journal", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var journal = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["Started", "Closed"], journal.Select(t => t.GetProperty("event").GetString()));
        Assert.Equal("Final", journal[1].GetProperty("toState").GetString());
        Assert.Equal("user-7", journal[0].GetProperty("cause").GetString());
    }

    [Fact]
    public async Task A_staff_member_may_not_read_the_journal()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "police.staff@alvby.demo");

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Get, $"/api/operations/workflows/{Guid.NewGuid()}/journal", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_instance_or_workflow_is_a_problem_naming_it()
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var instanceId = Guid.NewGuid();

        using var journal = await DemoBearer.SendAsync(client, HttpMethod.Get, $"/api/operations/workflows/{instanceId}/journal", token);
        using var diagram = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/workflows/NoSuchStateMachine/diagram", token);
        using var list = await DemoBearer.SendAsync(client, HttpMethod.Get, "/api/operations/workflows", token);

        Assert.Equal(HttpStatusCode.NotFound, journal.StatusCode);
        Assert.Equal("application/problem+json", journal.Content.Headers.ContentType?.MediaType);
        Assert.Equal(instanceId.ToString(), (await journal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, diagram.StatusCode);
        Assert.Equal("NoSuchStateMachine", (await diagram.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private async Task JournalAsync(Guid instanceId, params (string From, string Event, string To, string At)[] transitions)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();

        // The journal is shown to the administrators of the instance's municipality: the instance is one of Älvby's concerns.
        var alvby = await db.Municipalities.Where(m => m.Code == "9901").Select(m => m.Id).SingleAsync();
        db.Add(new Coordination.Workflows.Concerns.ConcernState { CorrelationId = instanceId, MunicipalityId = alvby, CurrentState = "Closed" });
        foreach (var (from, @event, to, at) in transitions.Reverse())
        {
            db.Add(new WorkflowTransition
            {
                Id = Guid.NewGuid(),
                Workflow = "CounterStateMachine",
                InstanceId = instanceId,
                Event = @event,
                FromState = from,
                ToState = to,
                OccurredAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
                MessageId = Guid.NewGuid(),
                Cause = "user-7",
            });
        }

        await db.SaveChangesAsync();
    }
}
