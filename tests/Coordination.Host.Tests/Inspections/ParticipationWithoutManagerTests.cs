using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// An unanswered participation request escalates to the asked agency's managers. When the agency
/// has none, nobody would see it: the escalation is an incident of the request for the
/// municipality's administrators, settled by giving someone the role and retrying it. An agency
/// the municipality does not have is refused when the round is planned.
/// </summary>
public sealed class ParticipationWithoutManagerTests
{
    private const string AlvbyAdministrator = "licensing.administrator@alvby.demo";
    private const string SjostadAdministrator = "licensing.administrator@sjostad.demo";
    private static readonly string[] RescueService = ["RescueService"];

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_request_escalated_to_police_without_managers_is_an_incident_the_administrator_settles_by_giving_the_role(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        using var administrator = new InspectionsClient(scenario.Host, AlvbyAdministrator);
        using var otherAdministrator = new InspectionsClient(scenario.Host, SjostadAdministrator);
        var police = await AgencyAsync(scenario, AgencyKind.Police);

        // Älvby's police have no manager yet.
        var managers = await scenario.Host.WithDatabaseAsync(db => db.Memberships.Where(m => m.AgencyId == police && m.Role == MembershipRole.Manager).ToListAsync());
        Assert.NotEmpty(managers);
        await scenario.Host.WithDatabaseAsync(db => db.Memberships.Where(m => m.AgencyId == police && m.Role == MembershipRole.Manager).ExecuteDeleteAsync());

        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);
        var requestId = request.GetProperty("id").GetGuid();
        var due = request.GetProperty("dueAt").GetDateTimeOffset();
        scenario.Host.Clock.AdvanceTo(due.AddDays(-1).AddMinutes(1));
        await Poll.UntilAsync(() => scenario.PoliceRequestAsync(roundId), t => t.GetProperty("reminders").GetInt32() == 1, WorkflowWait, "the police are reminded", scenario.Host.Clock.TickSecond);

        scenario.Host.Clock.AdvanceTo(due.AddMinutes(1));
        var incident = await Poll.UntilAsync(
            async () => IncidentOf(await administrator.GetJsonAsync("/api/operations/incidents"), requestId),
            i => i.ValueKind == JsonValueKind.Object, WorkflowWait, "the escalation's incident", scenario.Host.Clock.TickSecond);
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.True(incident.GetProperty("exceptionType").GetString()!.Contains("NoManagerToEscalateTo", StringComparison.Ordinal), incident.GetRawText());
        var text = incident.GetProperty("exceptionMessage").GetString();
        Assert.Contains($"Inspection task {requestId} (TakePartInRound, due 2026-11-26 15:00 UTC) is overdue", text, StringComparison.Ordinal);
        Assert.Contains("Polisen, Älvby kommun (demo)", text, StringComparison.Ordinal);
        Assert.Contains("Give a member of the agency the manager role", text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Undefined, IncidentOf(await otherAdministrator.GetJsonAsync("/api/operations/incidents"), requestId).ValueKind);
        Assert.False((await scenario.PoliceRequestAsync(roundId)).GetProperty("escalatedToManagers").GetBoolean());

        // Given the role, the retry checks again: the request reaches the new manager.
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = managers[0].UserId, AgencyId = police, Role = MembershipRole.Manager });
            return await db.SaveChangesAsync();
        });
        using (var retried = await administrator.PostAsync($"/api/operations/incidents/{incident.GetProperty("id").GetGuid()}/retry"))
        {
            await InspectionsClient.ReadAsync(retried, HttpStatusCode.Accepted);
        }

        await Poll.UntilAsync(() => scenario.PoliceRequestAsync(roundId), t => t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the request escalates", scenario.Host.Clock.TickSecond);
        await Poll.UntilAsync(
            async () => IncidentOf(await administrator.GetJsonAsync("/api/operations/incidents"), requestId).GetProperty("status").GetString(),
            status => status == "Resolved", WorkflowWait, "the incident resolved", scenario.Host.Clock.TickSecond);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_asking_an_agency_the_municipality_does_not_have_is_refused_at_that_participant(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var rescue = await AgencyAsync(scenario, AgencyKind.RescueService);
        await scenario.Host.WithDatabaseAsync(db => db.Memberships.Where(m => m.AgencyId == rescue).ExecuteDeleteAsync());
        await scenario.Host.WithDatabaseAsync(db => db.Agencies.Where(a => a.Id == rescue).ExecuteDeleteAsync());
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");

        using var refused = await scenario.Officer.PostAsync("/api/inspections/rounds", new
        {
            municipalityId = scenario.MunicipalityId,
            date = "2026-11-27",
            eveningStart = "21:00",
            eveningEnd = "01:00",
            venueIds = new[] { venueId },
            optionalParticipants = RescueService,
        });
        var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["optionalParticipants[0]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("The municipality has no RescueService agency in the service to ask.", problem.GetProperty("errors").GetProperty("optionalParticipants[0]")[0].GetString());
        Assert.Equal(0, (await scenario.Officer.GetJsonAsync($"/api/inspections/rounds?municipalityId={scenario.MunicipalityId}")).GetArrayLength());
    }

    private static Task<Guid> AgencyAsync(InspectionScenario scenario, AgencyKind kind) =>
        scenario.Host.WithDatabaseAsync(db => db.Agencies.Where(a => a.MunicipalityId == scenario.MunicipalityId && a.Kind == kind).Select(a => a.Id).SingleAsync());

    private static JsonElement IncidentOf(JsonElement incidents, Guid instanceId) =>
        incidents.EnumerateArray().FirstOrDefault(i => i.GetProperty("instanceId").ValueKind == JsonValueKind.String && i.GetProperty("instanceId").GetGuid() == instanceId);
}
