using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class ParticipationTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Police_declining_gives_the_licensing_officer_a_task_to_plan_the_round_again(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);

        await scenario.Police.PostJsonAsync(
            $"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/decline",
            new { reason = "All patrols are needed at the football derby that evening." });

        var replan = await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ReplanRound"), WorkflowWait, "the officer gets a task to plan the round again", scenario.Host.Clock.TickSecond);
        var task = replan.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "ReplanRound");
        Assert.Equal(roundId, task.GetProperty("roundId").GetGuid());
        Assert.Equal("All patrols are needed at the football derby that evening.", task.GetProperty("note").GetString());
        var round = await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal("NeedsReplanning", round.GetProperty("status").GetString());

        // Due by the round's evening: not replanned by then, it is on the licensing managers' overdue list.
        var startsAt = round.GetProperty("startsAt").GetDateTimeOffset();
        Assert.Equal(startsAt, task.GetProperty("dueAt").GetDateTimeOffset());
        scenario.Host.Clock.AdvanceTo(startsAt.AddMinutes(1));
        var overdue = await scenario.Manager.GetJsonAsync("/api/overdue");
        Assert.Contains(overdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("inspectionTasks").EnumerateArray()),
            t => t.GetProperty("id").GetGuid() == task.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// The rescue service and the tax agency are optional participants: the round goes ahead
    /// without them. Their decline opened a task to plan the round again all the same, which
    /// escalated to the licensing managers when the round went ahead as planned.
    /// </summary>
    [Fact]
    public async Task An_optional_participants_decline_opens_no_task_to_plan_the_round_again_and_the_round_goes_ahead_with_the_police()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        using var rescue = await InspectionsClient.BrowserAsync(scenario.Host, "rescue.staff@alvby.demo");
        var page = $"/Inspections/Round?id={roundId}";
        var request = await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>()
            .Where(t => t.RoundId == roundId && t.AgencyKind == AgencyKind.RescueService).Select(t => t.Id).SingleAsync());

        // The rescue service declines on the round's page, and is told the round goes ahead without it.
        var token = await PageForms.AntiforgeryTokenAsync(rescue, page);
        using var declined = await PageForms.PostAsync(rescue, $"/Inspections/Round?id={roundId}&handler=Decline&taskId={request}", token, [new("Answer.Reason", "A fire-safety course that evening.")]);
        var answer = WebUtility.HtmlDecode(await declined.Content.ReadAsStringAsync());
        Assert.Contains("Du har avböjt. Rundan genomförs utan er.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("planerar om", answer, StringComparison.Ordinal);
        await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(db => db.Set<ParticipationRequestState>().AsNoTracking().Where(s => s.CorrelationId == request).Select(s => s.CurrentState).FirstOrDefaultAsync()),
            state => state is not (null or "AwaitingAnswer"), WorkflowWait, "the decline taken by the request's workflow", scenario.Host.Clock.TickSecond);

        var police = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{police.GetProperty("id").GetGuid()}/accept");

        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "ReplanRound");
        var round = await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}");
        Assert.Equal("Confirmed", round.GetProperty("status").GetString());
        Assert.Equal("Declined", round.GetProperty("participation").EnumerateArray().Single(p => p.GetProperty("agencyKind").GetString() == "RescueService").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_unanswered_participation_request_is_reminded_and_then_escalated_to_the_police_managers(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);
        var due = request.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero), due);

        scenario.Host.Clock.AdvanceTo(due.AddDays(-1).AddMinutes(1));
        await Poll.UntilAsync(() => scenario.PoliceRequestAsync(roundId), t => t.GetProperty("reminders").GetInt32() == 1, WorkflowWait, "the police are reminded", scenario.Host.Clock.TickSecond);

        scenario.Host.Clock.AdvanceTo(due.AddMinutes(1));
        var escalated = await Poll.UntilAsync(() => scenario.PoliceRequestAsync(roundId), t => t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the request escalates", scenario.Host.Clock.TickSecond);
        Assert.Equal("Open", escalated.GetProperty("status").GetString());
    }
}
