using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using Quartz.Impl;
using Quartz.Impl.AdoJobStore;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Writes and deletes a timer's Quartz rows on PostgreSQL directly, in the consumer's own
/// transaction, one round trip each, without Quartz's scheduler-wide <c>TRIGGER_ACCESS</c> lock
/// (ADR 0012, ADR 0017).
/// </summary>
/// <remarks>
/// <para>
/// Deleting: Quartz's own <c>DeleteJob</c> takes that lock first and, enlisted in the consumer's
/// transaction, holds it until the commit: every cancelling consumer of every host then waited on
/// one row. The rows deleted here are only ever locked row by row; a trigger that the scheduler
/// acquired at the same moment either fires (and the state machine discards the message, whose
/// token it no longer holds) or finds its trigger gone and does not fire. The trigger row is
/// deleted first and its row of the trigger-kind table goes with it (Quartz's schema deletes
/// those in cascade), so its rows are locked in the order the scheduler locks them when it fires
/// the trigger: <c>qrtz_triggers</c>, then <c>qrtz_simple_triggers</c>. Deleting the kind's row
/// first took them the other way round, and a reminder cancelled in the instant it fired
/// deadlocked with the scheduler (PostgreSQL 40P01).
/// </para>
/// <para>
/// Inserting: Quartz's <c>ScheduleJob</c> spends eight round trips on a new timer (whether the job
/// and the trigger exist, whether their groups are paused, then three inserts), a third of all
/// the round trips of a concern-shaped workflow. The three rows are written here in one
/// statement, with the values Quartz would write for the one kind of timer this service makes
/// (<see cref="QuartzTimers.Build"/>: a one-shot simple trigger). The service never pauses the
/// timers' groups, so a new trigger is always <c>WAITING</c>. The PostgreSQL scheduling tests
/// compare these rows, column by column, with the rows Quartz itself writes for the same timer,
/// so a Quartz upgrade that changes its tables fails them.
/// </para>
/// </remarks>
internal static class QuartzTimerRows
{
    /// <summary>Quartz's default table prefix, which this service does not change.</summary>
    private const string Prefix = "qrtz_";

    private const string DeleteSql =
        $"DELETE FROM {Prefix}triggers WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group;\n"
        + $"DELETE FROM {Prefix}job_details WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group;";

    // Each insert reads the row the one before it returned, so an existing job (a repeated
    // token) inserts nothing at all and the caller lets Quartz replace it.
    private const string InsertSql =
        $"""
        WITH job AS (
            INSERT INTO {Prefix}job_details (sched_name, job_name, job_group, description, job_class_name,
                is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data)
            VALUES (@scheduler, @job_name, @job_group, @job_description, @job_class,
                @durable, @nonconcurrent, @update_data, @recovery, @job_data)
            ON CONFLICT DO NOTHING
            RETURNING job_name, job_group),
        trigger AS (
            INSERT INTO {Prefix}triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description,
                next_fire_time, trigger_state, trigger_type, start_time, end_time, misfire_instr,
                priority, preferred_node_auto, retry_attempt, misfire_threshold)
            SELECT @scheduler, @trigger_name, @trigger_group, job.job_name, job.job_group, @trigger_description,
                @next_fire_time, '{AdoConstants.StateWaiting}', '{AdoConstants.TriggerTypeSimple}', @start_time, @end_time, @misfire_instruction,
                @priority, FALSE, 0, @misfire_threshold
            FROM job
            RETURNING trigger_name, trigger_group)
        INSERT INTO {Prefix}simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)
        SELECT @scheduler, trigger.trigger_name, trigger.trigger_group, 0, 0, 0 FROM trigger
        """;

    private static readonly SystemTextJsonObjectSerializer JobDataSerializer = new();

    /// <summary>Deletes the job and its triggers, one round trip, in the context's current transaction.</summary>
    public static Task DeleteAsync(CoordinationDbContext db, string schedulerName, JobKey key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            DeleteSql,
            [
                new NpgsqlParameter("scheduler", schedulerName),
                new NpgsqlParameter("name", key.Name),
                new NpgsqlParameter("group", key.Group),
            ],
            cancellationToken);

    /// <summary>
    /// Stores a new one-shot timer (a job and its simple trigger), one round trip, in the context's
    /// current transaction. False, with nothing written, when the job already exists.
    /// </summary>
    public static async Task<bool> TryInsertAsync(
        CoordinationDbContext db, string schedulerName, IJobDetail job, ITrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // A one-shot simple trigger without a calendar first fires at its start, which is what is written as its next fire time.
        if (trigger is not ISimpleTrigger { RepeatCount: 0, CalendarName: null } || trigger.JobDataMap.Count > 0)
        {
            throw new NotSupportedException($"Only one-shot simple triggers without a calendar or data are written directly; {trigger.Key} is not one.");
        }

        var inserted = await db.Database.ExecuteSqlRawAsync(
            InsertSql,
            [
                new NpgsqlParameter("scheduler", schedulerName),
                new NpgsqlParameter("job_name", job.Key.Name),
                new NpgsqlParameter("job_group", job.Key.Group),
                new NpgsqlParameter("job_description", (object?)job.Description ?? DBNull.Value),
                new NpgsqlParameter("job_class", job.JobType.FullName),
                new NpgsqlParameter("durable", job.Durable),
                new NpgsqlParameter("nonconcurrent", job.ConcurrentExecutionDisallowed),
                new NpgsqlParameter("update_data", job.PersistJobDataAfterExecution),
                new NpgsqlParameter("recovery", job.RequestsRecovery),
                new NpgsqlParameter("job_data", job.JobDataMap.Count == 0 ? DBNull.Value : JobDataSerializer.Serialize(job.JobDataMap)),
                new NpgsqlParameter("trigger_name", trigger.Key.Name),
                new NpgsqlParameter("trigger_group", trigger.Key.Group),
                new NpgsqlParameter("trigger_description", (object?)trigger.Description ?? DBNull.Value),
                new NpgsqlParameter("next_fire_time", trigger.StartTimeUtc.UtcTicks),
                new NpgsqlParameter("start_time", trigger.StartTimeUtc.UtcTicks),
                new NpgsqlParameter("end_time", (object?)trigger.EndTimeUtc?.UtcTicks ?? DBNull.Value),
                new NpgsqlParameter("misfire_instruction", (short)trigger.MisfireInstructionCode),
                new NpgsqlParameter("priority", trigger.Priority),
                new NpgsqlParameter("misfire_threshold", (object?)(long?)trigger.MisfireThreshold?.TotalMilliseconds ?? DBNull.Value),
            ],
            cancellationToken);
        return inserted == 1;
    }
}
