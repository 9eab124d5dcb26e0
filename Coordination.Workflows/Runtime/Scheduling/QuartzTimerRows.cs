using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Cancels a timer on PostgreSQL by deleting its Quartz rows in the consumer's own transaction,
/// without Quartz's scheduler-wide <c>TRIGGER_ACCESS</c> lock (ADR 0012). Quartz's own
/// <c>DeleteJob</c> takes that lock first and, enlisted in the consumer's transaction, holds it
/// until the commit: every cancelling consumer of every host then waited on one row. The rows
/// deleted here are only ever locked row by row; a trigger that the scheduler acquired at the
/// same moment either fires (and the state machine discards the message, whose token it no
/// longer holds) or finds its trigger gone and does not fire.
/// </summary>
internal static class QuartzTimerRows
{
    /// <summary>Quartz's default table prefix, which this service does not change.</summary>
    private const string Prefix = "qrtz_";

    private static readonly string[] TriggerKinds = ["simple_triggers", "cron_triggers", "simprop_triggers", "blob_triggers"];

    private static readonly string Sql = string.Concat(TriggerKinds.Select(kind =>
        $"DELETE FROM {Prefix}{kind} k USING {Prefix}triggers t WHERE k.sched_name = t.sched_name AND k.trigger_name = t.trigger_name AND k.trigger_group = t.trigger_group AND t.sched_name = @scheduler AND t.job_name = @name AND t.job_group = @group;\n"))
        + $"DELETE FROM {Prefix}triggers WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group;\n"
        + $"DELETE FROM {Prefix}job_details WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group;";

    /// <summary>Deletes the job and its triggers, one round trip, in the context's current transaction.</summary>
    public static Task DeleteAsync(CoordinationDbContext db, string schedulerName, JobKey key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            Sql,
            [
                new Npgsql.NpgsqlParameter("scheduler", schedulerName),
                new Npgsql.NpgsqlParameter("name", key.Name),
                new Npgsql.NpgsqlParameter("group", key.Group),
            ],
            cancellationToken);
}
