using Coordination.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Impl;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>Quartz.NET on its persistent store in the service's own database (ADR 0003).</summary>
public static class SchedulingRegistration
{
    public const string SchedulerName = "coordination";

    public static IServiceCollection AddCoordinationScheduling(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = SchedulerName);
            q.UsePersistentStore(store =>
            {
                store.UseSerializer<SystemTextJsonObjectSerializer>();
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ProvisionSchema();

                // Timers are written inside the consumer's own transaction (QuartzScheduleMessageProvider).
                store.ConfigureStore(o => o.AcceptEnlistedTransactions = true);
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
