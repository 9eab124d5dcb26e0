using Coordination.Testing;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// Quartz's scheduler and a consumer that cancels a timer both lock the timer's rows on
/// PostgreSQL: the consumer deletes them without the scheduler's lock (ADR 0012). These tests
/// play the scheduler's firing (Quartz 4 writes the trigger row, then its simple-trigger row)
/// against another transaction, step by step.
/// </summary>
public sealed class SchedulerRowLockTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private const string LockTrigger = "UPDATE qrtz_triggers SET priority = priority WHERE sched_name = @scheduler AND trigger_name = @trigger";
    private const string LockSimpleTrigger = "UPDATE qrtz_simple_triggers SET times_triggered = times_triggered WHERE sched_name = @scheduler AND trigger_name = @trigger";

    [Fact]
    public async Task A_timer_cancelled_while_the_scheduler_writes_its_firing_waits_for_it_and_neither_side_deadlocks()
    {
        await using var backend = await PostgresRabbitMqBackend.CreateAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, new ManualClock(Monday));
        var (job, trigger) = await ScheduleAsync(host, Monday.AddDays(1));

        // The scheduler's firing has written the trigger row.
        await using var firing = await OpenAsync(backend);
        await using var firingTransaction = await firing.BeginTransactionAsync();
        Assert.Equal(1, await ExecuteAsync(firing, LockTrigger, backend.Prefix, trigger));

        // A consumer cancels the same timer in its transaction and has to wait for the firing.
        await using var db = backend.CreateDbContext();
        await using var cancelTransaction = await db.Database.BeginTransactionAsync();
        var cancel = QuartzTimerRows.DeleteAsync(db, backend.Prefix, job.Key, CancellationToken.None);
        await Poll.UntilAsync(() => WaitingOnARowAsync(backend), TimeSpan.FromSeconds(30), "the cancel waiting for the firing's row");

        // The firing goes on to the simple-trigger row and commits; then the cancel does.
        Assert.Equal(1, await ExecuteAsync(firing, LockSimpleTrigger, backend.Prefix, trigger));
        await firingTransaction.CommitAsync();
        await cancel;
        await cancelTransaction.CommitAsync();

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.False(await scheduler.Exists(job.Key));
        Assert.False(await scheduler.Exists(trigger.Key));
        await using var check = await OpenAsync(backend);
        Assert.Equal(0, await ExecuteAsync(check, LockSimpleTrigger, backend.Prefix, trigger));
    }

    [Fact]
    public async Task A_host_whose_scheduler_backs_off_after_a_deadlock_still_stops()
    {
        await using var backend = await PostgresRabbitMqBackend.CreateAsync();
        var clock = new ManualClock(Monday);
        var host = await RuntimeTestHost.StartAsync(backend, clock);
        try
        {
            await BackOffAfterADeadlockAsync(backend, host, clock);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        // The test moves the clock no more; stopping the host must not wait for it.
        await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task BackOffAfterADeadlockAsync(RuntimeBackend backend, RuntimeTestHost host, ManualClock clock)
    {
        var (_, trigger) = await ScheduleAsync(host, Monday.AddHours(1));

        // Another transaction holds the simple-trigger row; the scheduler fires the trigger and waits for that row.
        await using var other = await OpenAsync(backend);
        await using (var quiet = new NpgsqlCommand("SET deadlock_timeout = '60s'", other))
        {
            await quiet.ExecuteNonQueryAsync();
        }

        await using var otherTransaction = await other.BeginTransactionAsync();
        Assert.Equal(1, await ExecuteAsync(other, LockSimpleTrigger, backend.Prefix, trigger));
        clock.Advance(TimeSpan.FromHours(2));
        await Poll.UntilAsync(() => WaitingOnARowAsync(backend), TimeSpan.FromSeconds(30), "the scheduler waiting for the simple-trigger row");

        // Taking the trigger row closes the cycle. PostgreSQL aborts the scheduler's transaction,
        // which waited first (this session waits 60 s before it looks for deadlocks), and Quartz
        // backs off for a second of the host's clock before it tries again.
        Assert.Equal(1, await ExecuteAsync(other, LockTrigger, backend.Prefix, trigger));
        await otherTransaction.RollbackAsync();
    }

    private static async Task<(IJobDetail Job, ITrigger Trigger)> ScheduleAsync(RuntimeTestHost host, DateTimeOffset dueAt)
    {
        var send = new ScheduledSend(new Uri("queue:reminders"), "Reminder, Test", "{}", Guid.NewGuid(), Guid.NewGuid());
        var (job, trigger) = QuartzTimers.Build(send, dueAt);
        await (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).ScheduleJob(job, trigger);
        return (job, trigger);
    }

    private static async Task<NpgsqlConnection> OpenAsync(RuntimeBackend backend)
    {
        var connection = new NpgsqlConnection(backend.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string scheduler, ITrigger trigger)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("scheduler", scheduler);
        command.Parameters.AddWithValue("trigger", trigger.Key.Name);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether a session of the test's database waits for a row lock of Quartz's tables.</summary>
    private static async Task<bool> WaitingOnARowAsync(RuntimeBackend backend)
    {
        await using var connection = await OpenAsync(backend);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%qrtz_%'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
