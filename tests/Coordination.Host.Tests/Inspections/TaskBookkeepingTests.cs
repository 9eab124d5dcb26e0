using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// A task's workflow records its reminders and escalation on the task while people answer it. Those
/// are the service's bookkeeping, not someone else's decision: an answer saved just after one is
/// not refused as "Changed at the same time" (a full run in CI met this: the police declined a
/// request in the moment its reminder was recorded, and got a 409).
/// </summary>
public sealed class TaskBookkeepingTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reminder_recorded_while_the_police_decline_does_not_refuse_them_and_is_kept(HostBackend backend)
    {
        Func<Task>? remind = null;
        var interceptor = new OtherFirst(() => remind!())
        {
            When = context => remind is not null
                && context.ChangeTracker.Entries<InspectionTask>().Any(e => e.State == EntityState.Modified && e.Entity.Status == InspectionTaskStatus.Declined),
        };
        await using var scenario = await StartAsync(backend, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var requestId = await PoliceRequestIdAsync(scenario);
        var remindedAt = scenario.Host.Clock.GetUtcNow();
        remind = () => scenario.Host.WithDatabaseAsync(async db =>
        {
            await db.RemindAsync(requestId, remindedAt);
            return await db.SaveChangesAsync();
        });

        var declined = await scenario.Police.PostJsonAsync($"/api/inspections/participation/{requestId}/decline", new { reason = "The football derby." });

        Assert.True(interceptor.Fired);
        Assert.Equal("Declined", declined.GetProperty("status").GetString());
        var task = await TaskAsync(scenario, requestId);
        Assert.Equal(InspectionTaskStatus.Declined, task.Status);
        Assert.Equal("The football derby.", task.Note);
        Assert.Equal(1, task.Reminders);
        Assert.Equal(remindedAt, task.LastRemindedAt);
    }

    /// <summary>The other way round the save is still checked: a reminder read before the answer was saved fails, and its workflow retries against the answer.</summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reminder_read_before_the_answer_was_saved_is_not_saved_over_it(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var requestId = await PoliceRequestIdAsync(scenario);
        await using var timer = scenario.Host.Services.CreateAsyncScope();
        var timerDb = timer.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        await timerDb.RemindAsync(requestId, scenario.Host.Clock.GetUtcNow());

        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{requestId}/decline", new { reason = "The football derby." });

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => timerDb.SaveChangesAsync());
        var task = await TaskAsync(scenario, requestId);
        Assert.Equal(InspectionTaskStatus.Declined, task.Status);
        Assert.Equal(0, task.Reminders);
    }

    private static async Task<Guid> PoliceRequestIdAsync(InspectionScenario scenario)
    {
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        return (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();
    }

    private static Task<InspectionTask> TaskAsync(InspectionScenario scenario, Guid id) =>
        scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>().AsNoTracking().SingleAsync(t => t.Id == id));
}
