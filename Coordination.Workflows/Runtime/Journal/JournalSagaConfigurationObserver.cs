using System.Runtime.CompilerServices;
using MassTransit;

namespace Coordination.Workflows.Runtime.Journal;

/// <summary>Connects a <see cref="JournalStateObserver{TSaga}"/> to each state machine configured on an endpoint, once.</summary>
internal sealed class JournalSagaConfigurationObserver : ISagaConfigurationObserver
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
        }
    }

    public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
        where TSaga : class, ISaga
        where TMessage : class
    {
    }
}
