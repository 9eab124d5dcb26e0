using MassTransit;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>
/// MassTransit silently discards an event whose instance it cannot find. Here such an event is
/// real work that arrived before its instance was committed (an answer overtaking its request),
/// so it must fault instead: the runtime retries it and, if the instance never appears, records
/// an incident. Every correlated event that does not start an instance uses this.
/// </summary>
public static class ExistingInstanceCorrelation
{
    public static void CorrelateToExisting<TSaga, TMessage>(
        this IEventCorrelationConfigurator<TSaga, TMessage> correlation, Func<ConsumeContext<TMessage>, Guid> selector)
        where TSaga : class, SagaStateMachineInstance
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(correlation);
        correlation.CorrelateById(selector);
        correlation.OnMissingInstance(m => m.Fault());
    }
}
