using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Gives every consumed message a scheduler backed by Quartz (see
/// <see cref="QuartzScheduleMessageProvider"/>). Resolved from the message's service scope, so
/// the scheduler sees the same database context, and transaction, as the saga and the outbox.
/// </summary>
internal sealed class QuartzMessageSchedulerFilter<T>(IServiceProvider services) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.AddOrUpdatePayload<MessageSchedulerContext>(
            () => new ConsumeMessageSchedulerContext(context, CreateScheduler),
            _ => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("quartzMessageScheduler");

    private MessageScheduler CreateScheduler(ConsumeContext context) =>
        new(new QuartzScheduleMessageProvider(context, services), context.GetPayload<IBusTopology>());
}
