using Coordination.Contracts.Inspections;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// The protocol of a visit must reach the licensee within a number of working days (DOMAIN.md
/// Workflow B step 4): the officer is reminded before the deadline, and an unsent protocol
/// escalates to the licensing managers when it passes.
/// </summary>
public sealed class ProtocolStateMachine : MassTransitStateMachine<ProtocolState>
{
    public ProtocolStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Recorded, e => e.CorrelateById(m => m.Message.VisitId));
        Event(() => Sent, e => e.CorrelateToExisting(m => m.Message.VisitId));
        Schedule(() => Reminder, s => s.ReminderToken, s => s.Received = r => r.CorrelateById(m => m.Message.VisitId));
        Schedule(() => Deadline, s => s.DeadlineToken, s => s.Received = r => r.CorrelateById(m => m.Message.VisitId));

        Initially(
            When(Recorded)
                .Then(c =>
                {
                    c.Saga.ProtocolTaskId = c.Message.ProtocolTaskId;
                    c.Saga.DueAt = c.Message.DueAt;
                })
                .Schedule(Reminder, c => new ProtocolReminderDue(c.Saga.CorrelationId), c => c.Message.RemindAt.UtcDateTime)
                .TransitionTo(AwaitingProtocol));

        // One timer at a time (see InspectionWorkflows): the deadline is set when the reminder fires.
        During(AwaitingProtocol,
            When(Reminder.Received)
                .Then(c => c.Saga.ReminderToken = null)
                .ThenAsync(c => c.Db().RemindAsync(c.Saga.ProtocolTaskId, c.Now()))
                .Schedule(Deadline, c => new ProtocolDeadlinePassed(c.Saga.CorrelationId), c => c.Saga.DueAt.UtcDateTime),
            When(Deadline.Received)
                .Then(c => c.Saga.DeadlineToken = null)
                .ThenAsync(c => c.Db().EscalateAsync(c.Saga.ProtocolTaskId, c.Now()))
                .TransitionTo(Overdue));

        During(AwaitingProtocol, Overdue,
            When(Sent)
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State AwaitingProtocol { get; private set; } = null!;

    public State Overdue { get; private set; } = null!;

    public Event<VisitRecorded> Recorded { get; private set; } = null!;

    public Event<ProtocolSent> Sent { get; private set; } = null!;

    public Schedule<ProtocolState, ProtocolReminderDue> Reminder { get; private set; } = null!;

    public Schedule<ProtocolState, ProtocolDeadlinePassed> Deadline { get; private set; } = null!;
}
