using Coordination.Contracts.Inspections;
using MassTransit;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>
/// The due time of an inspection task whose kind has no workflow of its own (a round to plan
/// again, a decision to prepare, a venue to follow up; <see cref="InspectionTaskDeadlines"/>): at
/// its due time an open task escalates to its agency's managers by the same route as a
/// participation request, protocol or re-inspection (<see cref="InspectionTaskTimers.EscalateAsync"/>,
/// an incident for the municipality's administrators when nobody has the manager role). Done or
/// cancelled before then, its timer is cancelled and nothing fires.
/// </summary>
public sealed class InspectionTaskDeadlineStateMachine : MassTransitStateMachine<InspectionTaskDeadlineState>
{
    public InspectionTaskDeadlineStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => DeadlineSet, e => e.CorrelateById(m => m.Message.TaskId));

        // A task of a kind kept here may end without a timer to cancel: it ended before this
        // workflow started it (the message that starts it overtaken), it escalated already, or it
        // has no due time.
        Event(() => Ended, e =>
        {
            e.CorrelateById(m => m.Message.TaskId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => Deadline, s => s.DeadlineToken, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));

        Initially(
            When(DeadlineSet)
                .Then(c => c.Saga.DueAt = c.Message.DueAt)
                .Schedule(Deadline, c => new InspectionTaskDeadlinePassed(c.Saga.CorrelationId), c => c.Message.DueAt.UtcDateTime)
                .TransitionTo(AwaitingDeadline));

        During(AwaitingDeadline,
            // The start-up repair (InspectionTaskDeadlineRepair) and the task's creator may both start it.
            Ignore(DeadlineSet),
            When(Deadline.Received)
                .Then(c => c.Saga.DeadlineToken = null)
                .ThenAsync(c => c.Db().EscalateAsync(c.Saga.CorrelationId, c.Now()))
                .Finalize(),
            When(Ended)
                .Unschedule(Deadline)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State AwaitingDeadline { get; private set; } = null!;

    public Event<InspectionTaskDeadlineSet> DeadlineSet { get; private set; } = null!;

    public Event<InspectionTaskEnded> Ended { get; private set; } = null!;

    public Schedule<InspectionTaskDeadlineState, InspectionTaskDeadlinePassed> Deadline { get; private set; } = null!;
}
