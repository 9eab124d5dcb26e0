using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Operations;

/// <summary>
/// The incident list reads the owner of every listed incident's workflow at once (one query over
/// every kind of workflow); each administrator still sees only the incidents of the
/// municipalities they administer, on both stacks.
/// </summary>
public sealed class IncidentOwnershipTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Each_administrator_lists_the_incidents_of_their_own_municipalitys_workflows(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "incident-owners");
        using var client = host.CreateClient();
        var alvbyAdministrator = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var sjostadAdministrator = await DemoBearer.TokenAsync(client, "social.administrator@sjostad.demo");
        var policeAdministrator = await DemoBearer.TokenAsync(client, "police.administrator@alvby.demo");

        Guid alvbyConcernIncident, sjostadReviewIncident, unknownIncident, alvbyNotCreatedIncident;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            var municipalities = await db.Municipalities.Include(m => m.Agencies).ToDictionaryAsync(m => m.Code);
            var now = host.Clock.GetUtcNow();
            var alvbyConcern = new ConcernState { CorrelationId = Guid.NewGuid(), CurrentState = "Raised", MunicipalityId = municipalities["9901"].Id, RaisedAt = now };
            var sjostadConcern = new ConcernState { CorrelationId = Guid.NewGuid(), CurrentState = "Raised", MunicipalityId = municipalities["9902"].Id, RaisedAt = now };
            var sjostadReview = new ReviewState
            {
                CorrelationId = Guid.NewGuid(),
                CurrentState = "Waiting",
                ConcernId = sjostadConcern.CorrelationId,
                MunicipalityId = sjostadConcern.MunicipalityId,
                AgencyId = municipalities["9902"].Agencies[0].Id,
                Number = 1,
                DueAt = now.AddMonths(6),
                RemindAt = now.AddMonths(6).AddDays(-14),
            };
            var incidents = new[]
            {
                OpenIncident.Of("loopback://localhost/owners", alvbyConcern.CorrelationId, now),
                OpenIncident.Of("loopback://localhost/owners", sjostadReview.CorrelationId, now),
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now),

                // The message that failed was the one to create its workflow (a task offer): no
                // instance exists, but the message names Älvby.
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now, municipalities["9901"].Id),
            };
            db.AddRange(alvbyConcern, sjostadConcern, sjostadReview);
            db.AddRange(incidents.Cast<object>());
            await db.SaveChangesAsync();
            (alvbyConcernIncident, sjostadReviewIncident, unknownIncident, alvbyNotCreatedIncident) = (incidents[0].Id, incidents[1].Id, incidents[2].Id, incidents[3].Id);
        }

        Assert.Equal(new[] { alvbyConcernIncident, alvbyNotCreatedIncident }.Order(), (await ListedAsync(client, alvbyAdministrator)).Order());
        Assert.Equal([sjostadReviewIncident], await ListedAsync(client, sjostadAdministrator));

        // The police administrator serves both municipalities, so also sees the incident of an unknown workflow.
        Assert.Equal(
            new[] { alvbyConcernIncident, sjostadReviewIncident, unknownIncident, alvbyNotCreatedIncident }.Order(),
            (await ListedAsync(client, policeAdministrator)).Order());
    }

    private static async Task<List<Guid>> ListedAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operations/incidents?status=Open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
