using Coordination.Testing;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// On PostgreSQL a new timer's Quartz rows are written by <see cref="QuartzTimerRows"/> in one
/// round trip instead of by Quartz (ADR 0017). These tests hold those rows to the ones Quartz
/// writes itself, so a Quartz upgrade that changes its tables or their values fails here.
/// </summary>
public sealed class QuartzTimerRowsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A scheduler name no scheduler runs under: rows written for it are only compared, never fired.</summary>
    private const string Direct = "direct-rows";

    [Fact]
    public async Task A_timer_written_directly_is_stored_column_for_column_as_Quartz_stores_it()
    {
        await using var backend = await PostgresRabbitMqBackend.CreateAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, new ManualClock(Monday));
        var send = new ScheduledSend(new Uri("queue:reminders"), "Reminder, Test", "{\"id\":1}", Guid.NewGuid(), Guid.NewGuid());
        var (job, trigger) = QuartzTimers.Build(send, Monday.AddDays(10));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.ScheduleJob(job, trigger);

        Assert.True(await InsertAsync(backend, job, trigger));

        foreach (var table in new[] { "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers" })
        {
            var rows = await RowsAsync(backend, table, job.Key.Name);
            Assert.Equal([Direct, backend.Prefix], rows.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(rows[backend.Prefix], rows[Direct]);
        }
    }

    [Fact]
    public async Task A_timer_written_directly_is_read_back_by_Quartz_as_the_timer_that_was_built()
    {
        await using var backend = await PostgresRabbitMqBackend.CreateAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, new ManualClock(Monday));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var send = new ScheduledSend(new Uri("queue:reminders"), "Reminder, Test", "{\"id\":2}", Guid.NewGuid(), Guid.NewGuid());
        var (job, trigger) = QuartzTimers.Build(send, Monday.AddDays(10));

        Assert.True(await InsertAsync(backend, job, trigger, scheduler.SchedulerName));

        var stored = await scheduler.GetJobDetail(job.Key);
        Assert.NotNull(stored);
        Assert.Equal(send, ScheduledSend.FromJobData(stored.JobDataMap));
        Assert.True(stored.RequestsRecovery);
        var storedTrigger = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(trigger.Key));
        Assert.Equal(Monday.AddDays(10), storedTrigger.NextFireTimeUtc);
        Assert.Equal(TimeSpan.FromDays(3650), storedTrigger.MisfireThreshold);
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(trigger.Key));
    }

    [Fact]
    public async Task A_token_whose_job_exists_writes_nothing_and_is_left_to_Quartz_to_replace()
    {
        await using var backend = await PostgresRabbitMqBackend.CreateAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, new ManualClock(Monday));
        var send = new ScheduledSend(new Uri("queue:reminders"), "Reminder, Test", "{}", Guid.NewGuid(), Guid.NewGuid());
        var (job, trigger) = QuartzTimers.Build(send, Monday.AddDays(1));
        Assert.True(await InsertAsync(backend, job, trigger));

        var (again, later) = QuartzTimers.Build(send with { MessageId = Guid.NewGuid() }, Monday.AddDays(2));
        Assert.False(await InsertAsync(backend, again, later));

        var triggers = await RowsAsync(backend, "qrtz_triggers", job.Key.Name);
        Assert.Contains($"\"next_fire_time\": {Monday.AddDays(1).UtcTicks}", triggers[Direct], StringComparison.Ordinal);
    }

    private static async Task<bool> InsertAsync(RuntimeBackend backend, IJobDetail job, ITrigger trigger, string scheduler = Direct)
    {
        await using var db = backend.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inserted = await QuartzTimerRows.TryInsertAsync(db, scheduler, job, trigger, CancellationToken.None);
        await transaction.CommitAsync();
        return inserted;
    }

    /// <summary>Each scheduler's row of the table for this job, as JSON without the scheduler's name.</summary>
    private static async Task<Dictionary<string, string>> RowsAsync(RuntimeBackend backend, string table, string jobName)
    {
        await using var connection = new NpgsqlConnection(backend.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT r.sched_name, (to_jsonb(r) - 'sched_name')::text FROM {table} r WHERE r.{(table == "qrtz_job_details" ? "job_name" : "trigger_name")} = @name",
            connection);
        command.Parameters.AddWithValue("name", jobName);
        var rows = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }
}
