using System.Runtime.CompilerServices;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Journal;
using Coordination.Workflows.Runtime.Outbox;
using MassTransit;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// Connects the runtime's observers to each state machine configured on an endpoint, once:
/// the journal of transitions, the incident filter's note of which instance faulted, and the
/// outbox's note of which instance is sending.
/// </summary>
internal sealed class StateMachineObservers : ISagaConfigurationObserver
{
    // A state machine is a singleton per container; tests build several containers per process.
    private static readonly ConditionalWeakTable<object, object> Connected = [];

    public void SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
    }

    public void StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> configurator, SagaStateMachine<TInstance> stateMachine)
        where TInstance : class, ISaga, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        if (Connected.TryAdd(stateMachine, stateMachine))
        {
            stateMachine.ConnectStateObserver(new JournalStateObserver<TInstance>(stateMachine.GetType().Name));
            stateMachine.ConnectEventObserver(new IncidentEventObserver<TInstance>());
            stateMachine.ConnectEventObserver(new OutboxPartitionObserver<TInstance>());
        }
    }

    public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
        where TSaga : class, ISaga
        where TMessage : class
    {
    }
}
