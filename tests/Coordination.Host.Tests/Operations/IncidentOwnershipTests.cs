using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Operations;

/// <summary>
/// The incident list reads the owner of every listed incident's workflow at once (one query over
/// every kind of workflow); each administrator sees only the incidents of the workflows they
/// answer for, on both stacks: a concern's and its reviews' are social services' of its
/// municipality, a concern's task its agency's (a school's administrator sees none of social
/// services' or the police's, the police's none of social services'); a message that failed to
/// create a concern's workflow is the agency's it names, else social services' of the
/// municipality it names; any other, the administrators' of the municipality it names.
/// </summary>
public sealed class IncidentOwnershipTests
{
    private const string ConcernRaisedType = "urn:message:Coordination.Contracts.Concerns:ConcernRaised";
    private const string TaskOfferedType = "urn:message:Coordination.Contracts.Concerns:AgencyTaskOffered";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Each_administrator_lists_the_incidents_of_the_workflows_they_answer_for(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "incident-owners");
        using var client = host.CreateClient();
        var alvbyAdministrator = await DemoBearer.TokenAsync(client, "social.administrator@alvby.demo");
        var sjostadAdministrator = await DemoBearer.TokenAsync(client, "social.administrator@sjostad.demo");
        var policeAdministrator = await DemoBearer.TokenAsync(client, "police.administrator@alvby.demo");
        var schoolAdministrator = await DemoBearer.TokenAsync(client, "school.administrator@alvby.demo");

        Guid alvbyConcernIncident, sjostadReviewIncident, unknownIncident, alvbyNotCreatedIncident;
        Guid policeTaskIncident, concernNotRegisteredIncident, policeOfferIncident;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            var municipalities = await db.Municipalities.Include(m => m.Agencies).ToDictionaryAsync(m => m.Code);
            var alvbyPolice = municipalities["9901"].Agencies.Single(a => a.Kind == AgencyKind.Police).Id;
            var now = host.Clock.GetUtcNow();
            var alvbyConcern = new ConcernState { CorrelationId = Guid.NewGuid(), CurrentState = "Raised", MunicipalityId = municipalities["9901"].Id, RaisedAt = now };
            var sjostadConcern = new ConcernState { CorrelationId = Guid.NewGuid(), CurrentState = "Raised", MunicipalityId = municipalities["9902"].Id, RaisedAt = now };
            var sjostadReview = new ReviewState
            {
                CorrelationId = Guid.NewGuid(),
                CurrentState = "Waiting",
                ConcernId = sjostadConcern.CorrelationId,
                MunicipalityId = sjostadConcern.MunicipalityId,
                AgencyId = municipalities["9902"].Agencies.Single(a => a.Kind == AgencyKind.SocialServices).Id,
                Number = 1,
                DueAt = now.AddMonths(6),
                RemindAt = now.AddMonths(6).AddDays(-14),
            };
            var policeTask = new AgencyTaskState
            {
                CorrelationId = Guid.NewGuid(),
                CurrentState = "Declined",
                ConcernId = alvbyConcern.CorrelationId,
                MunicipalityId = alvbyConcern.MunicipalityId,
                AgencyId = alvbyPolice,
                Title = "Joint work on a concern (SSPF): accept or decline",
                OfferedAt = now,
                DueAt = now.AddDays(5),
            };
            var incidents = new[]
            {
                OpenIncident.Of("loopback://localhost/owners", alvbyConcern.CorrelationId, now),
                OpenIncident.Of("loopback://localhost/owners", sjostadReview.CorrelationId, now),
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now),

                // The message that failed was the one to create its workflow: no instance exists,
                // but the message names Älvby.
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now, municipalities["9901"].Id),
                OpenIncident.Of("loopback://localhost/owners", policeTask.CorrelationId, now),

                // A concern's registration and a task offer to the police that failed, naming Älvby (and the police).
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now, municipalities["9901"].Id, messageType: ConcernRaisedType),
                OpenIncident.Of("loopback://localhost/owners", Guid.NewGuid(), now, municipalities["9901"].Id, alvbyPolice, TaskOfferedType),
            };
            db.AddRange(alvbyConcern, sjostadConcern, sjostadReview, policeTask);
            db.AddRange(incidents.Cast<object>());
            await db.SaveChangesAsync();
            (alvbyConcernIncident, sjostadReviewIncident, unknownIncident, alvbyNotCreatedIncident) = (incidents[0].Id, incidents[1].Id, incidents[2].Id, incidents[3].Id);
            (policeTaskIncident, concernNotRegisteredIncident, policeOfferIncident) = (incidents[4].Id, incidents[5].Id, incidents[6].Id);
        }

        Assert.Equal(new[] { alvbyConcernIncident, alvbyNotCreatedIncident, concernNotRegisteredIncident }.Order(), (await ListedAsync(client, alvbyAdministrator)).Order());
        Assert.Equal([sjostadReviewIncident], await ListedAsync(client, sjostadAdministrator));
        Assert.Equal([alvbyNotCreatedIncident], await ListedAsync(client, schoolAdministrator));

        // The police administrator serves both municipalities, so also sees the incident of an
        // unknown workflow; of a concern's workflows, only the police's task and offer.
        Assert.Equal(
            new[] { unknownIncident, alvbyNotCreatedIncident, policeTaskIncident, policeOfferIncident }.Order(),
            (await ListedAsync(client, policeAdministrator)).Order());

        // A retry is refused as the list is: the school's administrator is told the incident does not exist.
        using var retry = await DemoBearer.SendAsync(client, HttpMethod.Post, $"/api/operations/incidents/{alvbyConcernIncident}/retry", schoolAdministrator);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
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
