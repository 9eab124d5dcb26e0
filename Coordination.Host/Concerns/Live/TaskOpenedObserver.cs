using Coordination.Workflows.Concerns.Tasks;
using MassTransit;

namespace Coordination.Host.Concerns.Live;

/// <summary>Watches the agency-task state machine for a task's first state: offered to the queue, or assigned.</summary>
internal sealed class TaskOpenedObserver : IStateObserver<AgencyTaskState>
{
    public async Task StateChanged(BehaviorContext<AgencyTaskState> context, State currentState, State previousState)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentState);
        if (previousState?.Name == "Initial" && currentState.Name is "Offered" or "Claimed")
        {
            await context.Publish(new TaskOpened(context.Saga.CorrelationId, context.Saga.AgencyId, context.Saga.OwnerUserId));
        }
    }
}
