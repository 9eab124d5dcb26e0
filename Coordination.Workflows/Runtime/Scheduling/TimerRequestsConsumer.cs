using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>Turns timer requests into Quartz jobs, one at a time so a cancel never overtakes its schedule.</summary>
public sealed class TimerRequestsConsumer(ISchedulerFactory schedulers) : IConsumer<ScheduleTimer>, IConsumer<CancelTimer>
{
    public async Task Consume(ConsumeContext<ScheduleTimer> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Message;
        NameInstance(context, request.InstanceId);
        var scheduler = await schedulers.GetScheduler(context.CancellationToken);
        var send = new ScheduledSend(request.Destination, request.MessageType, request.Body, request.TokenId, request.MessageId, request.InstanceId);
        var (job, trigger) = QuartzTimers.Build(send, request.DueAt);
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CancelTimer> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        NameInstance(context, context.Message.InstanceId);
        var scheduler = await schedulers.GetScheduler(context.CancellationToken);
        await scheduler.DeleteJob(ScheduledSend.JobKeyFor(context.Message.TokenId), context.CancellationToken);
    }

    /// <summary>A request that fails every retry becomes an incident of the instance that set the timer, shown to its administrators.</summary>
    private static void NameInstance(ConsumeContext context, Guid? instanceId)
    {
        if (instanceId is not null)
        {
            context.ReceiveContext.GetOrAddPayload(() => new FailedWorkflowInstance()).InstanceId = instanceId;
        }
    }
}

/// <summary>Timer requests are applied in the order they were committed.</summary>
public sealed class TimerRequestsConsumerDefinition : ConsumerDefinition<TimerRequestsConsumer>
{
    public TimerRequestsConsumerDefinition() => ConcurrentMessageLimit = 1;
}
