using Coordination.Contracts.Inspections;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// A re-inspection after minor remarks or a sanction (DOMAIN.md Workflow B step 5) must happen
/// by its date: the officer's task is reminded before it, and escalates to the licensing
/// managers when the date passes without a visit. The next visit to the venue ends it.
/// </summary>
public sealed class ReInspectionStateMachine : MassTransitStateMachine<ReInspectionState>
{
    public ReInspectionStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Scheduled, e => e.CorrelateById(m => m.Message.TaskId));
        Event(() => Done, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Schedule(() => Reminder, s => s.ReminderToken, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));
        Schedule(() => Deadline, s => s.DeadlineToken, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));

        Initially(
            When(Scheduled)
                .Then(c =>
                {
                    c.Saga.VenueId = c.Message.VenueId;
                    c.Saga.DueAt = c.Message.DueAt;
                })
                .Schedule(Reminder, c => new ReInspectionReminderDue(c.Saga.CorrelationId), c => c.Message.RemindAt.UtcDateTime)
                .TransitionTo(AwaitingVisit));

        // One timer at a time (see InspectionWorkflows): the deadline is set when the reminder fires.
        During(AwaitingVisit,
            When(Reminder.Received)
                .Then(c => c.Saga.ReminderToken = null)
                .ThenAsync(c => c.Db().RemindAsync(c.Saga.CorrelationId, c.Now()))
                .Schedule(Deadline, c => new ReInspectionDeadlinePassed(c.Saga.CorrelationId), c => c.Saga.DueAt.UtcDateTime),
            When(Deadline.Received)
                .Then(c => c.Saga.DeadlineToken = null)
                .ThenAsync(c => c.Db().EscalateAsync(c.Saga.CorrelationId, c.Now()))
                .TransitionTo(Overdue));

        During(AwaitingVisit, Overdue,
            When(Done)
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State AwaitingVisit { get; private set; } = null!;

    public State Overdue { get; private set; } = null!;

    public Event<ReInspectionScheduled> Scheduled { get; private set; } = null!;

    public Event<ReInspectionDone> Done { get; private set; } = null!;

    public Schedule<ReInspectionState, ReInspectionReminderDue> Reminder { get; private set; } = null!;

    public Schedule<ReInspectionState, ReInspectionDeadlinePassed> Deadline { get; private set; } = null!;
}
