using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Coordination.Host.Health;

/// <summary>Healthy when Quartz runs on its persistent store and that store answers.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var meta = await scheduler.GetMetadata(cancellationToken);
            if (meta.Status != SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy($"The scheduler is {meta.Status}, not running.");
            }

            if (!meta.JobStorePersistent)
            {
                return HealthCheckResult.Unhealthy("The scheduler has no persistent store.");
            }

            // Listing calendars reads the store's tables, so a lost database shows here too.
            await scheduler.QueryCalendarNames(new CalendarQuery(), cancellationToken);
            return HealthCheckResult.Healthy($"Quartz {meta.Version} on {meta.JobStoreTypeName}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The scheduler's store does not answer.", e);
        }
    }
}
