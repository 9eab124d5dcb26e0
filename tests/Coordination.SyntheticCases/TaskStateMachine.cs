using MassTransit;

namespace Coordination.SyntheticCases;

/// <summary>Assigned with a reminder (a Quartz job); accepted, which cancels the reminder.</summary>
public sealed class TaskStateMachine : MassTransitStateMachine<TaskState>
{
    /// <summary>Far enough ahead that no reminder comes due during a test or a benchmark run: every one must be cancelled.</summary>
    private static readonly TimeSpan ReminderDelay = TimeSpan.FromDays(10);

    public TaskStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Assigned, e => e.CorrelateById(m => m.Message.TaskId));
        Event(() => Accepted, e => e.CorrelateById(m => m.Message.TaskId).OnMissingInstance(m => m.Fault()));
        Schedule(() => Reminder, s => s.ReminderTokenId, s =>
        {
            s.Delay = ReminderDelay;
            s.Received = e => e.CorrelateById(m => m.Message.TaskId);
        });

        Initially(
            When(Assigned)
                .Then(c => c.Saga.CaseId = c.Message.CaseId)
                .Schedule(Reminder, c => new TaskReminderDue(c.Saga.CorrelationId))
                .Publish(c => new TaskAssigned(c.Saga.CorrelationId, c.Saga.CaseId))
                .TransitionTo(Waiting));

        During(Waiting,
            When(Accepted)
                .Unschedule(Reminder)
                .Publish(c => new TaskAccepted(c.Saga.CorrelationId, c.Saga.CaseId))
                .TransitionTo(Done),
            When(Reminder.Received)
                .TransitionTo(Overdue));
    }

    public State Waiting { get; private set; } = null!;

    public State Done { get; private set; } = null!;

    public State Overdue { get; private set; } = null!;

    public Event<AssignTask> Assigned { get; private set; } = null!;

    public Event<AcceptTask> Accepted { get; private set; } = null!;

    public Schedule<TaskState, TaskReminderDue> Reminder { get; private set; } = null!;
}
