using Quartz;

namespace Coordination.Workflows.Retention;

/// <summary>The nightly Quartz job that runs the <see cref="RetentionSweep"/>; one instance at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionSweep sweep) : IJob
{
    public static readonly JobKey Key = new("retention", "coordination");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await sweep.RunAsync(cancellationToken);
    }
}
