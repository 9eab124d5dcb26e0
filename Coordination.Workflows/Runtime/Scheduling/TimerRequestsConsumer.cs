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
        var scheduler = await schedulers.GetScheduler(context.CancellationToken);
        var send = new ScheduledSend(request.Destination, request.MessageType, request.Body, request.TokenId, request.MessageId);
        var (job, trigger) = QuartzTimers.Build(send, request.DueAt);
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CancelTimer> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduler = await schedulers.GetScheduler(context.CancellationToken);
        await scheduler.DeleteJob(ScheduledSend.JobKeyFor(context.Message.TokenId), context.CancellationToken);
    }
}

/// <summary>Timer requests are applied in the order they were committed.</summary>
public sealed class TimerRequestsConsumerDefinition : ConsumerDefinition<TimerRequestsConsumer>
{
    public TimerRequestsConsumerDefinition() => ConcurrentMessageLimit = 1;
}
