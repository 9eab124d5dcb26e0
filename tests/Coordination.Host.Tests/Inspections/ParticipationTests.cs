using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
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
