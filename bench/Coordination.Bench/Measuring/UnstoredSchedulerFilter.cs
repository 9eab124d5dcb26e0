using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Coordination.Bench.Measuring;

/// <summary>
/// For the bus-only ceiling: a scheduler that accepts <c>Schedule</c> and <c>Unschedule</c> and
/// stores nothing, so the ceiling pays none of the timers' cost. Never used by the service.
/// </summary>
public sealed class UnstoredSchedulerFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.AddOrUpdatePayload<MessageSchedulerContext>(
            () => new ConsumeMessageSchedulerContext(context, Create),
            _ => new ConsumeMessageSchedulerContext(context, Create));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("unstoredScheduler");

    private static MessageScheduler Create(ConsumeContext context) => new(new Unstored(), context.GetPayload<IBusTopology>());

    private sealed class Unstored : IScheduleMessageProvider
    {
        public Task<ScheduledMessage<TMessage>> ScheduleSend<TMessage>(
            Uri destinationAddress, DateTime scheduledTime, TMessage message, IPipe<SendContext<TMessage>> pipe, CancellationToken cancellationToken)
            where TMessage : class =>
            Task.FromResult<ScheduledMessage<TMessage>>(
                new ScheduledMessageHandle<TMessage>(NewId.NextGuid(), scheduledTime, destinationAddress, message));

        public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
