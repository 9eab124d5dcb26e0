using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Concerns.Reviews;

/// <summary>
/// A follow-up review: scheduled → due (the reminder before the due date) → overdue (the due
/// date passed) → done; continuing schedules the next review, closing ends the follow-up.
/// Closing the concern cancels a pending review and both its timers; a review whose schedule is
/// consumed after the close was (which found nothing to cancel) is born cancelled
/// (<see cref="ConcernClosure"/>). While pending, a manager
/// of the coordinating agency may give the review to a member of the agency to hold; its due
/// date and timers stay as they are. An overdue review goes to the managers' overdue list, and
/// <see cref="Tasks.EscalationRecipientsCheck"/> makes sure the agency has a manager to see it.
/// </summary>
public sealed class ReviewStateMachine : MassTransitStateMachine<ReviewState>
{
    public ReviewStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => ScheduledEvent, e => e.CorrelateById(m => m.Message.ReviewId));
        Event(() => CompletedEvent, e => e.CorrelateToExisting(m => m.Message.ReviewId));
        Event(() => ReassignedEvent, e => e.CorrelateToExisting(m => m.Message.ReviewId));
        Event(() => ConcernClosed, e =>
        {
            e.CorrelateBy((s, m) => s.ConcernId == m.Message.ConcernId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => Reminder, s => s.ReminderTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.ReviewId));
        Schedule(() => Deadline, s => s.DeadlineTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.ReviewId));
        OnUnhandledEvent(c => c.Ignore());

        Initially(
            When(ScheduledEvent)
                .Then(c =>
                {
                    c.Saga.ConcernId = c.Message.ConcernId;
                    c.Saga.MunicipalityId = c.Message.MunicipalityId;
                    c.Saga.AgencyId = c.Message.AgencyId;
                    c.Saga.Number = c.Message.Number;
                    c.Saga.DueAt = c.Message.DueAt;
                    c.Saga.RemindAt = c.Message.RemindAt;
                })
                // Scheduled after the close was consumed (which found no review to cancel): born cancelled.
                .IfElseAsync(c => c.GetServiceOrCreateInstance<CoordinationDbContext>().IsClosedAsync(c.Saga.ConcernId, c.CancellationToken),
                    closed => closed
                        .Then(c => CancelBorn(c))
                        .TransitionTo(Cancelled),
                    open => open
                        .Then(c => Log(c, CaseLog.Now(c), "ReviewScheduled", $"Review {c.Message.Number} scheduled."))
                        .Schedule(Reminder, c => new ReviewReminderDue(c.Saga.CorrelationId), c => c.Saga.RemindAt.UtcDateTime)
                        .Schedule(Deadline, c => new ReviewDeadlinePassed(c.Saga.CorrelationId), c => c.Saga.DueAt.UtcDateTime)
                        .TransitionTo(Scheduled)));

        During(Scheduled,
            When(Reminder.Received)
                .Then(c => Log(c, c.Saga.RemindAt, "ReviewDue", $"Review {c.Saga.Number} is coming due."))
                .TransitionTo(Due));

        During(Scheduled, Due,
            When(Deadline.Received)
                .Then(c => Log(c, c.Saga.DueAt, "ReviewOverdue", $"Review {c.Saga.Number} was not held by its due date."))
                .Publish(c => new ReviewOverdue(c.Saga.CorrelationId, c.Saga.AgencyId, c.Saga.Number, c.Saga.DueAt))
                .TransitionTo(Overdue));

        During(Scheduled, Due, Overdue,
            // Given to the one who has it already: nothing changes, nothing is logged.
            When(ReassignedEvent, c => c.Saga.OwnerUserId != c.Message.NewOwnerUserId)
                .Then(c =>
                {
                    c.Saga.OwnerUserId = c.Message.NewOwnerUserId;
                    Log(c, c.Message.ReassignedAt, "ReviewReassigned", $"Review {c.Saga.Number} reassigned by a manager.");
                }),
            When(CompletedEvent)
                .Then(c =>
                {
                    c.Saga.Outcome = c.Message.Outcome;
                    c.Saga.CompletedAt = c.Message.CompletedAt;
                    c.Saga.CompletedByUserId = c.Message.CompletedByUserId;
                    Log(c, c.Message.CompletedAt, "ReviewDone", $"Review {c.Saga.Number} held: {c.Message.Outcome}.");
                })
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .If(c => c.Message is { Outcome: ReviewOutcome.Continue, NextReviewId: not null, NextDueAt: not null, NextRemindAt: not null },
                    next => next.Publish(c => new ReviewScheduled(
                        c.Message.NextReviewId!.Value, c.Saga.ConcernId, c.Saga.MunicipalityId, c.Saga.AgencyId,
                        c.Saga.Number + 1, c.Message.NextDueAt!.Value, c.Message.NextRemindAt!.Value)))
                .TransitionTo(Done),
            When(ConcernClosed)
                .Then(c =>
                {
                    c.Saga.CancelledAt = c.Message.ClosedAt;
                    Log(c, c.Message.ClosedAt, "ReviewCancelled", $"Review {c.Saga.Number} cancelled: the concern was closed.");
                })
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .TransitionTo(Cancelled));
    }

    public State Scheduled { get; private set; } = null!;

    /// <summary>The reminder has gone out: the review should be held by its due date.</summary>
    public State Due { get; private set; } = null!;

    public State Overdue { get; private set; } = null!;

    public State Done { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<ReviewScheduled> ScheduledEvent { get; private set; } = null!;

    public Event<ReviewCompleted> CompletedEvent { get; private set; } = null!;

    public Event<ReviewReassigned> ReassignedEvent { get; private set; } = null!;

    public Event<ConcernClosed> ConcernClosed { get; private set; } = null!;

    public Schedule<ReviewState, ReviewReminderDue> Reminder { get; private set; } = null!;

    public Schedule<ReviewState, ReviewDeadlinePassed> Deadline { get; private set; } = null!;

    private static void CancelBorn(BehaviorContext<ReviewState, ReviewScheduled> c)
    {
        c.Saga.CancelledAt = CaseLog.Now(c);
        Log(c, c.Saga.CancelledAt.Value, "ReviewCancelled", $"Review {c.Message.Number} not scheduled: the concern was closed.");
    }

    private static void Log(BehaviorContext<ReviewState> c, DateTimeOffset at, string kind, string text) =>
        CaseLog.Write(c, CaseEvent.Of(c.Saga.ConcernId, at, kind, CaseEventAudience.SharedAgencies, text, agency: c.Saga.AgencyId));
}
