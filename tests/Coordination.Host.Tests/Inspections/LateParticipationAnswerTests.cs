using Coordination.Contracts.Inspections;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Rounds;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// The police's answer is saved with the request and reaches the request's workflow a moment
/// later; the officer may act in between.
/// </summary>
public sealed class LateParticipationAnswerTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_decline_reaching_its_workflow_after_the_officer_planned_the_round_again_opens_no_task_to_plan_it_again(HostBackend backend)
    {
        var held = FirstAnswer("Declined");
        await using var scenario = await StartAsync(backend, services => services.AddConsumeObserver(_ => held));
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request}/decline", new { reason = "The football derby." });

        // The decline is on its way to the request's workflow; the officer plans the round for the next Friday.
        await held.Reached.Task.WaitAsync(WorkflowWait);
        await PlanForNextFridayAsync(scenario, roundId);

        held.Release.SetResult();
        await AnswerConsumedAsync(scenario, request);

        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "ReplanRound");
        Assert.Equal("AwaitingPolice", (await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("status").GetString());
    }

    /// <summary>
    /// A decline of a request the round has since been planned again past, reaching its workflow
    /// after the new request was declined too: the new decline's task to plan again is the one;
    /// the old one opens none (it opened a second, escalating at the round's start).
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_decline_of_an_earlier_request_reaching_its_workflow_after_the_new_one_was_declined_opens_no_second_task(HostBackend backend)
    {
        var held = FirstAnswer("Declined");
        await using var scenario = await StartAsync(backend, services => services.AddConsumeObserver(_ => held));
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var first = (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{first}/decline", new { reason = "The football derby." });
        await held.Reached.Task.WaitAsync(WorkflowWait);
        scenario.Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await PlanForNextFridayAsync(scenario, roundId);

        var second = await Poll.UntilAsync(
            async () => (await scenario.Police.GetJsonAsync($"/api/inspections/tasks?municipalityId={scenario.MunicipalityId}")).EnumerateArray()
                .Where(t => t.GetProperty("kind").GetString() == "TakePartInRound" && t.GetProperty("roundId").GetGuid() == roundId)
                .Select(t => t.GetProperty("id").GetGuid()).FirstOrDefault(),
            id => id != Guid.Empty && id != first, WorkflowWait, "the new request to the police", scenario.Host.Clock.TickSecond);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{second}/decline", new { reason = "The Christmas market." });
        await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            tasks => tasks.EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ReplanRound"), WorkflowWait, "the new decline's task to plan again", scenario.Host.Clock.TickSecond);

        held.Release.SetResult();
        await AnswerConsumedAsync(scenario, first);

        var replans = (await scenario.OfficerTasksAsync()).EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "ReplanRound").ToList();
        Assert.Equal("The Christmas market.", Assert.Single(replans).GetProperty("note").GetString());
    }

    /// <summary>
    /// The rescue service's proposal of another evening reaching its workflow after the officer
    /// planned the round again: the round's status said nothing of it (only the police's answer
    /// moves it), so it opened a task to plan again a round already planned again; the new request
    /// answers for it now. (Its decline opens no such task at all: the round goes ahead without it.)
    /// </summary>
    [Fact]
    public async Task A_proposal_by_an_optional_participant_reaching_its_workflow_after_the_round_was_planned_again_opens_no_task()
    {
        var held = FirstAnswer("OtherTimeProposed");
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory, services => services.AddConsumeObserver(_ => held));
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        using var rescue = new InspectionsClient(scenario.Host, "rescue.staff@alvby.demo");
        var request = (await rescue.GetJsonAsync($"/api/inspections/tasks?municipalityId={scenario.MunicipalityId}")).EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "TakePartInRound" && t.GetProperty("roundId").GetGuid() == roundId).GetProperty("id").GetGuid();
        await rescue.PostJsonAsync($"/api/inspections/participation/{request}/propose", new { date = "2026-11-28", eveningStart = "21:00" });
        await held.Reached.Task.WaitAsync(WorkflowWait);
        scenario.Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await PlanForNextFridayAsync(scenario, roundId);

        held.Release.SetResult();
        await AnswerConsumedAsync(scenario, request);

        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "ReplanRound");
    }

    private static async Task PlanForNextFridayAsync(InspectionScenario scenario, Guid roundId)
    {
        using var replanned = await scenario.Officer.PutAsync($"/api/inspections/rounds/{roundId}/schedule", new { date = "2026-12-04", eveningStart = "21:00", eveningEnd = "01:00" });
        await InspectionsClient.ReadAsync(replanned, System.Net.HttpStatusCode.OK);
    }

    /// <summary>Until the request's workflow has taken the decline or proposal held back for it.</summary>
    private static async Task AnswerConsumedAsync(InspectionScenario scenario, Guid request) =>
        await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(db => db.Set<ParticipationRequestState>().AsNoTracking().Where(s => s.CorrelationId == request).Select(s => s.CurrentState).FirstOrDefaultAsync()),
            state => state == "ReplanningRequested", WorkflowWait, $"the answer to request {request} consumed", scenario.Host.Clock.TickSecond);

    /// <summary>Holds the first answer of this kind back from its consumers until released; later ones go on.</summary>
    private static HeldMessage FirstAnswer(string kind)
    {
        var gate = new Lock();
        Guid? held = null;
        return new HeldMessage(m => m is ParticipationAnswered answer && answer.Answer == kind && Holds(answer.TaskId));

        bool Holds(Guid taskId)
        {
            lock (gate)
            {
                held ??= taskId;
                return held == taskId;
            }
        }
    }
}
