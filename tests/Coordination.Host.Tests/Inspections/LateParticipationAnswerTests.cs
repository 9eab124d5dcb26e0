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
        var held = new HeldDecline();
        await using var scenario = await StartAsync(backend, services => services.AddConsumeObserver(_ => held));
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request}/decline", new { reason = "The football derby." });

        // The decline is on its way to the request's workflow; the officer plans the round for the next Friday.
        await held.Reached.Task.WaitAsync(WorkflowWait);
        using (var replanned = await scenario.Officer.PutAsync($"/api/inspections/rounds/{roundId}/schedule", new { date = "2026-12-04", eveningStart = "21:00", eveningEnd = "01:00" }))
        {
            await InspectionsClient.ReadAsync(replanned, System.Net.HttpStatusCode.OK);
        }

        held.Release.SetResult();
        await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(db => db.Set<ParticipationRequestState>().AsNoTracking().Where(s => s.CorrelationId == request).Select(s => s.CurrentState).FirstOrDefaultAsync()),
            state => state == "ReplanningRequested", WorkflowWait, "the decline consumed", scenario.Host.Clock.TickSecond);

        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "ReplanRound");
        Assert.Equal("AwaitingPolice", (await scenario.Officer.GetJsonAsync($"/api/inspections/rounds/{roundId}")).GetProperty("status").GetString());
    }

    /// <summary>Holds the police's decline back from its consumers until released.</summary>
    private sealed class HeldDecline : IConsumeObserver
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is ParticipationAnswered { Answer: "Declined" })
            {
                Reached.TrySetResult();
                await Release.Task;
            }
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
