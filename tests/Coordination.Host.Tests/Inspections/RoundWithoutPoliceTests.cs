using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.FollowUp;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// DOMAIN.md: the police take part in joint visits, and the follow-up counts inspections "joint vs.
/// not". A round may be the licensing unit's own, planned without the police, or go ahead without
/// them after they declined: its visits are recorded, and it never counts as a joint round.
/// </summary>
public sealed class RoundWithoutPoliceTests
{
    private static readonly string[] RescueService = ["RescueService"];

    [Fact]
    public async Task A_round_planned_without_the_police_goes_ahead_at_once_and_is_not_joint()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var planned = await scenario.Officer.PostJsonAsync("/api/inspections/rounds", new
        {
            municipalityId = scenario.MunicipalityId,
            date = "2026-11-27",
            eveningStart = "21:00",
            eveningEnd = "01:00",
            venueIds = new[] { venueId },
            optionalParticipants = RescueService,
            withPolice = false,
        }, HttpStatusCode.Created);
        var roundId = planned.GetProperty("id").GetGuid();
        Assert.Equal("Confirmed", planned.GetProperty("status").GetString());
        Assert.False(planned.GetProperty("isJoint").GetBoolean());
        Assert.False(planned.GetProperty("withPolice").GetBoolean());
        Assert.Equal(["RescueService"], planned.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["RescueService"], planned.GetProperty("participation").EnumerateArray().Select(p => p.GetProperty("agencyKind").GetString()));

        // The police are not asked and do not see the round.
        var policeTasks = await scenario.Police.GetJsonAsync($"/api/inspections/tasks?municipalityId={scenario.MunicipalityId}");
        Assert.DoesNotContain(policeTasks.EnumerateArray(), t => t.TryGetProperty("roundId", out var r) && r.ValueKind != JsonValueKind.Null && r.GetGuid() == roundId);
        using (var seen = await scenario.Police.GetAsync($"/api/inspections/rounds/{roundId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        }

        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var visit = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.fire-safety", "Ok")))
        {
            await InspectionsClient.ReadAsync(visit, HttpStatusCode.Created);
        }

        var round = await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal("Done", round.GetProperty("status").GetString());
        Assert.False(round.GetProperty("isJoint").GetBoolean());
        var year = await scenario.Officer.GetJsonAsync($"/api/inspections/joint-rounds?municipalityId={scenario.MunicipalityId}&year=2026");
        Assert.Equal(0, year.GetProperty("done").GetInt32());
        Assert.Equal(0, year.GetProperty("planned").GetInt32());
        Assert.Equal(1, year.GetProperty("withoutPolice").GetInt32());
        var report = await FollowUpReports.ForManagerAsync(scenario.Host, AgencyKind.LicensingUnit);
        Assert.Equal(1, FollowUpReports.Row(report, "Inspections", "RoundsDone"));
        Assert.Equal(0, FollowUpReports.Row(report, "Inspections", "JointRounds"));
        Assert.Equal(1, FollowUpReports.Row(report, "Inspections", "RoundsWithoutPolice"));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task After_the_police_decline_the_round_may_go_ahead_without_them_and_the_task_to_plan_it_again_ends(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);

        // Before the police answer, no visit can be recorded.
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var early = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.fire-safety", "Ok")))
        {
            var problem = await InspectionsClient.ReadAsync(early, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("roundId", out _));
        }

        await scenario.Police.PostJsonAsync(
            $"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/decline",
            new { reason = "All patrols are needed at the football derby that evening." });
        var replan = (await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ReplanRound"), WorkflowWait, "the task to plan the round again", scenario.Host.Clock.TickSecond))
            .EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "ReplanRound").GetProperty("id").GetGuid();

        // A reason is required, and named at its field.
        using (var bare = await scenario.Officer.PostAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "  " }))
        {
            var problem = await InspectionsClient.ReadAsync(bare, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }

        // The police cannot decide it for the licensing unit.
        using (var byPolice = await scenario.Police.PostAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "Go alone." }))
        {
            Assert.Equal(HttpStatusCode.NotFound, byPolice.StatusCode);
        }

        var gone = await scenario.Officer.PostJsonAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "The venue's Friday is the one to see; the police could not come." });
        Assert.Equal("Confirmed", gone.GetProperty("status").GetString());
        Assert.False(gone.GetProperty("isJoint").GetBoolean());
        Assert.Equal("The venue's Friday is the one to see; the police could not come.", gone.GetProperty("withoutPoliceReason").GetString());
        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("id").GetGuid() == replan);
        var ended = (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == replan);
        Assert.Equal("Cancelled", ended.GetProperty("status").GetString());

        using (var visit = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.fire-safety", "Ok")))
        {
            await InspectionsClient.ReadAsync(visit, HttpStatusCode.Created);
        }

        // Done without the police: not a joint round, and it cannot be turned again.
        using (var again = await scenario.Officer.PostAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "Again." }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var year = await scenario.Officer.GetJsonAsync($"/api/inspections/joint-rounds?municipalityId={scenario.MunicipalityId}&year=2026");
        Assert.Equal(0, year.GetProperty("done").GetInt32());
        Assert.Equal(1, year.GetProperty("withoutPolice").GetInt32());
    }

    /// <summary>
    /// Going without the police answers the police's decline only: the task to plan again that the
    /// rescue service's proposal of another evening opened is still the officer's (it was cancelled
    /// with the police's).
    /// </summary>
    [Fact]
    public async Task Going_without_the_police_leaves_the_task_the_rescue_services_proposal_opened()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        using var rescue = new InspectionsClient(scenario.Host, "rescue.staff@alvby.demo");
        var rescueRequest = (await rescue.GetJsonAsync($"/api/inspections/tasks?municipalityId={scenario.MunicipalityId}")).EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "TakePartInRound" && t.GetProperty("roundId").GetGuid() == roundId);
        await rescue.PostJsonAsync($"/api/inspections/participation/{rescueRequest.GetProperty("id").GetGuid()}/propose", new { date = "2026-11-28", eveningStart = "21:00" });
        var police = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{police.GetProperty("id").GetGuid()}/decline", new { reason = "The football derby." });
        var replans = await Poll.UntilAsync(
            async () => (await scenario.OfficerTasksAsync()).EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "ReplanRound").ToList(),
            tasks => tasks.Count == 2, WorkflowWait, "a task to plan again for the proposal and the decline", scenario.Host.Clock.TickSecond);
        var byRescue = replans.Single(t => t.GetProperty("title").GetString()!.Contains("RescueService", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var byPolice = replans.Single(t => t.GetProperty("title").GetString()!.Contains("Police", StringComparison.Ordinal)).GetProperty("id").GetGuid();

        await scenario.Officer.PostJsonAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "The venue's Friday is the one to see." });

        var open = (await scenario.OfficerTasksAsync()).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(byRescue, open);
        Assert.DoesNotContain(byPolice, open);
    }

    /// <summary>
    /// The round's workflows change its tasks on their own: here the task to plan again changes
    /// (its version raised) between the officer's reading of the round's tasks and the saving of
    /// the decision. That is no reason to refuse the officer; it was a 409 "Changed at the same
    /// time" (first seen in a full run on PostgreSQL, where the task had escalated at once; an
    /// escalation no longer raises the version, <see cref="TaskBookkeepingTests"/>).
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_task_to_plan_again_changing_while_the_officer_goes_without_the_police_does_not_refuse_them(HostBackend backend)
    {
        Func<Task>? change = null;
        var interceptor = new OtherFirst(() => change!())
        {
            When = context => change is not null
                && context.ChangeTracker.Entries<InspectionTask>().Any(e => e.State == EntityState.Modified && e.Entity.Kind == InspectionTaskKind.ReplanRound),
        };
        await using var scenario = await StartAsync(backend, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/decline", new { reason = "The football derby." });
        var replan = (await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ReplanRound"), WorkflowWait, "the task to plan the round again", scenario.Host.Clock.TickSecond))
            .EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "ReplanRound").GetProperty("id").GetGuid();
        change = () => scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>().Where(t => t.Id == replan)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Note, "Changed by its workflow.").SetProperty(t => t.Version, t => t.Version + 1)));

        var gone = await scenario.Officer.PostJsonAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "The venue's Friday is the one to see." });

        Assert.True(interceptor.Fired);
        Assert.Equal("Confirmed", gone.GetProperty("status").GetString());
        var ended = (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == replan);
        Assert.Equal("Cancelled", ended.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_round_the_police_accepted_stays_joint()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        using var refused = await scenario.Officer.PostAsync($"/api/inspections/rounds/{roundId}/without-police", new { reason = "Changed our mind." });
        var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("The police take part", problem.GetProperty("title").GetString());
        Assert.True((await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("isJoint").GetBoolean());
    }
}
