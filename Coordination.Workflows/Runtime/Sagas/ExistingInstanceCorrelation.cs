using MassTransit;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>
/// MassTransit silently discards an event whose instance it cannot find. Here such an event is
/// real work that arrived before its instance was committed (an answer overtaking its request),
/// so it must not be lost: it fails with <see cref="InstanceNotYetCommittedException"/>, which
/// the runtime retries as it retries a conflict (at once, with short backoff, since the instance
/// is usually a moment behind) and, if the instance never appears, records as an incident.
/// Every correlated event that does not start an instance uses this.
/// </summary>
public static class ExistingInstanceCorrelation
{
    public static void CorrelateToExisting<TSaga, TMessage>(
        this IEventCorrelationConfigurator<TSaga, TMessage> correlation, Func<ConsumeContext<TMessage>, Guid> selector)
        where TSaga : class, SagaStateMachineInstance
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(correlation);
        ArgumentNullException.ThrowIfNull(selector);
        correlation.CorrelateById(selector);
        correlation.OnMissingInstance(m => m.Execute(context => throw new InstanceNotYetCommittedException(typeof(TSaga), typeof(TMessage), selector(context))));
    }
}

/// <summary>
/// An event for a saga instance that does not exist (yet). A <see cref="ConcurrencyException"/>,
/// so that it is retried with the conflicts rather than waiting out the fault retries' interval.
/// </summary>
public sealed class InstanceNotYetCommittedException(Type sagaType, Type messageType, Guid correlationId) :
    ConcurrencyException($"No {sagaType.Name} {correlationId} for {messageType.Name}: the event arrived before the message that starts its instance, or that instance never started.", sagaType, correlationId);
