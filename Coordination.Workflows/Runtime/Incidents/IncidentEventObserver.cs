using MassTransit;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>Tells the incident filter which instance's event faulted.</summary>
internal sealed class IncidentEventObserver<TSaga> : IEventObserver<TSaga>
    where TSaga : class, SagaStateMachineInstance
{
    public Task PreExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PreExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task PostExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PostExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task ExecuteFault(BehaviorContext<TSaga> context, Exception exception) => Remember(context);

    public Task ExecuteFault<T>(BehaviorContext<TSaga, T> context, Exception exception)
        where T : class => Remember(context);

    private static Task Remember(BehaviorContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // On the receive context, which the error pipe sees after the consume pipe has failed.
        context.ReceiveContext.GetOrAddPayload(() => new FailedWorkflowInstance()).InstanceId = context.Saga.CorrelationId;

        return Task.CompletedTask;
    }
}
