using Coordination.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Impl;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>Quartz.NET on its persistent store in the service's own database (ADR 0003).</summary>
public static class SchedulingRegistration
{
    /// <summary>The scheduler's name; its jobs are stored under it, so every instance of one deployment uses the same.</summary>
    public const string DefaultSchedulerName = "coordination";

    /// <summary>
    /// Registers Quartz on the database. Quartz keeps schedulers by name for the whole process:
    /// two hosts in one process (tests) need names of their own, and a host that restarts on the
    /// same database needs the same name.
    /// </summary>
    public static IServiceCollection AddCoordinationScheduling(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, string schedulerName = DefaultSchedulerName)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = schedulerName);
            q.UsePersistentStore(store =>
            {
                store.UseSerializer<SystemTextJsonObjectSerializer>();
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(PostgresConnectionDefaults.Apply(connectionString));
                    store.UseClustering();

                    // Timers are written inside the consumer's own transaction (QuartzScheduleMessageProvider):
                    // a new one by QuartzTimerRows, a repeated token through Quartz enlisted in that
                    // transaction. An insert through Quartz needs no scheduler-wide lock: its rows are
                    // invisible to other nodes until they commit, and inside a consumer's transaction
                    // that lock would be held until then, serialising every consumer that sets a timer.
                    store.ConfigureStore(o =>
                    {
                        o.AcceptEnlistedTransactions = true;
                        o.LockOnInsert = false;
                    });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
