using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Coordination.Workflows.Retention;

/// <summary>Registers the retention sweep and its nightly Quartz trigger, with the periods from settings.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddCoordinationRetention(this IServiceCollection services, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<RetentionSweep>();
        services.AddQuartz(q => q.ScheduleJob<RetentionJob>(
            trigger => trigger.WithIdentity("retention-nightly", "coordination").WithCronSchedule(options.Schedule),
            job => job.WithIdentity(RetentionJob.Key).StoreDurably()));
        return services;
    }
}
