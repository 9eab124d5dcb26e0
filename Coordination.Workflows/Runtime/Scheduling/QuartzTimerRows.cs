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
/// <remarks>
/// The trigger row is deleted first and its row of the trigger-kind table goes with it (Quartz's
/// schema deletes those in cascade), so its rows are locked in the order the scheduler locks
/// them when it fires the trigger: <c>qrtz_triggers</c>, then <c>qrtz_simple_triggers</c>.
/// Deleting the kind's row first took them the other way round, and a reminder cancelled in
/// the instant it fired deadlocked with the scheduler (PostgreSQL 40P01).
/// </remarks>
internal static class QuartzTimerRows
{
    /// <summary>Quartz's default table prefix, which this service does not change.</summary>
    private const string Prefix = "qrtz_";

    private const string Sql =
        $"DELETE FROM {Prefix}triggers WHERE sched_name = @scheduler AND job_name = @name AND job_group = @group;\n"
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
