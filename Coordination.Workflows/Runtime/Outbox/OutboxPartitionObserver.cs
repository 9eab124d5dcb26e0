using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>Notes, before an event's activities run, which instance they run for (see <see cref="OutboxPartition"/>).</summary>
internal sealed class OutboxPartitionObserver<TSaga> : IEventObserver<TSaga>
    where TSaga : class, SagaStateMachineInstance
{
    public Task PreExecute(BehaviorContext<TSaga> context) => Note(context);

    public Task PreExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Note(context);

    public Task PostExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PostExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task ExecuteFault(BehaviorContext<TSaga> context, Exception exception) => Task.CompletedTask;

    public Task ExecuteFault<T>(BehaviorContext<TSaga, T> context, Exception exception)
        where T : class => Task.CompletedTask;

    private static Task Note(BehaviorContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TryGetPayload<IServiceProvider>(out var services) && services.GetService<OutboxPartition>() is { } partition)
        {
            partition.WorkflowInstanceId = context.Saga.CorrelationId;
        }

        return Task.CompletedTask;
    }
}
