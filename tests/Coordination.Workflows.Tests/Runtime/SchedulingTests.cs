using Coordination.Testing;
using Coordination.Workflows.Runtime.Scheduling;
using Coordination.Workflows.Tests.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// State machines' Schedule/Unschedule on Quartz's persistent store, with the clock moved.
/// Every test runs on SQLite + in-memory and on PostgreSQL + RabbitMQ.
/// </summary>
public abstract class SchedulingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    [Fact]
    public async Task A_reminder_fires_once_when_the_clock_passes_its_due_time_and_not_before()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();

        await host.SendToReminders(new StartReminding(id, Monday.AddHours(4)));
        var token = await WaitForTimerAsync(host, id);
        clock.Advance(TimeSpan.FromHours(3));
        await AssertStaysAsync(host, id, fired: 0);

        clock.Advance(TimeSpan.FromHours(2));
        var fired = await host.Recorder.WaitFor<ReminderFired>(f => f.ReminderId == id);
        Assert.True(fired[0].At >= Monday.AddHours(4));
        await AssertStaysAsync(host, id, fired: 1);
        Assert.False(await JobExistsAsync(host, token));
    }

    [Fact]
    public async Task Answering_before_the_reminder_cancels_it_so_it_never_fires()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddHours(1)));
        var token = await WaitForTimerAsync(host, id);

        await host.SendToReminders(new AnswerReminder(id));
        await WaitUntilAsync(async () => (await host.FindReminder(id))?.CurrentState == "Done");

        Assert.False(await JobExistsAsync(host, token));
        clock.Advance(TimeSpan.FromDays(2));
        await AssertStaysAsync(host, id, fired: 0);
    }

    [Fact]
    public async Task A_pending_reminder_survives_a_host_restart_and_fires_exactly_once_after_it()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        var id = Guid.NewGuid();
        await using (var before = await RuntimeTestHost.StartAsync(backend, clock))
        {
            await before.SendToReminders(new StartReminding(id, Monday.AddHours(2)));
            await WaitForTimerAsync(before, id);
        }

        // Due while the host was down: it fires late, never not at all.
        clock.Advance(TimeSpan.FromHours(3));
        await using var after = await RuntimeTestHost.StartAsync(backend, clock);
        clock.Advance(TimeSpan.FromSeconds(5));

        await after.Recorder.WaitFor<ReminderFired>(f => f.ReminderId == id);
        await AssertStaysAsync(after, id, fired: 1);
    }

    [Fact]
    public async Task A_recurring_cycle_fires_once_per_interval_in_order()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddDays(182), TimeSpan.FromDays(182)));
        await WaitForTimerAsync(host, id);

        for (var cycle = 1; cycle <= 3; cycle++)
        {
            clock.Advance(TimeSpan.FromDays(182));
            var expected = cycle;
            await host.Recorder.WaitFor<ReminderFired>(f => f.ReminderId == id && f.Fired == expected);
            await WaitForTimerAsync(host, id);
        }

        var fired = host.Recorder.Received<ReminderFired>(f => f.ReminderId == id);
        Assert.Equal([1, 2, 3], fired.Select(f => f.Fired));
    }

    private static async Task<Guid> WaitForTimerAsync(RuntimeTestHost host, Guid id)
    {
        Guid token = default;
        await WaitUntilAsync(async () =>
        {
            var reminder = await host.FindReminder(id);
            if (reminder?.ReminderTokenId is not { } current || current == token)
            {
                return false;
            }

            token = current;
            return await JobExistsAsync(host, current);
        });
        return token;
    }

    private static async Task<bool> JobExistsAsync(RuntimeTestHost host, Guid token)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.Exists(ScheduledSend.JobKeyFor(token));
    }

    /// <summary>Gives the scheduler a moment of real time to (wrongly) fire, then checks it did not.</summary>
    private static async Task AssertStaysAsync(RuntimeTestHost host, Guid id, int fired)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(fired, (await host.FindReminder(id))!.Fired);
        Assert.Equal(fired, host.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(50);
        }
    }
}

public sealed class SqliteInMemorySchedulingTests : SchedulingTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

public sealed class PostgresRabbitMqSchedulingTests : SchedulingTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync();
}
