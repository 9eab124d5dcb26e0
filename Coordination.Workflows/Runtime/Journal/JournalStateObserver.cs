using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Runtime.Journal;

/// <summary>
/// Adds a <see cref="WorkflowTransition"/> to the consume scope's <see cref="CoordinationDbContext"/>;
/// the saga repository's save and the outbox's commit make it durable with the state change.
/// </summary>
internal sealed class JournalStateObserver<TSaga>(string workflow) : IStateObserver<TSaga>
    where TSaga : class, SagaStateMachineInstance
{
    public Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentState);

        // A new instance first enters Initial from nothing; its first real transition follows.
        if (previousState is null)
        {
            return Task.CompletedTask;
        }

        var services = context.GetPayload<IServiceProvider>();
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var user = context.Headers.Get<string>(WorkflowHeaders.UserId);
        services.GetRequiredService<CoordinationDbContext>().Add(new WorkflowTransition
        {
            Id = NewId.NextGuid(),
            Workflow = workflow,
            InstanceId = context.Saga.CorrelationId,
            Event = context.Event.Name,
            FromState = previousState.Name,
            ToState = currentState.Name,
            OccurredAt = clock.GetUtcNow(),
            MessageId = context.MessageId,
            Cause = string.IsNullOrEmpty(user) ? WorkflowHeaders.SystemCause : user,
        });
        return Task.CompletedTask;
    }
}
