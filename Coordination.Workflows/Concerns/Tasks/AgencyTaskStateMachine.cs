using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// An agency task: offered to the agency's queue → claimed or assigned → accepted or declined
/// (joint work) → completed, or cancelled when the concern closes or sharing with the agency
/// stops. While it waits for an answer (joint work) or to be done (every other kind) a timer
/// reminds the agency at the configured interval, the first time one interval after the offer
/// but no earlier than the offer's lead before the deadline (a task offered without a lead learns
/// it from its municipality's rules when its timer first fires), and, once the deadline has passed by
/// the configured margin, escalates it to the agency's managers. A timer that fires late (the
/// service was down) reminds once and counts the next interval from then, or escalates at once
/// when the escalation is already due: missed reminders are not made up one after another. A task
/// whose offer is consumed after the concern's close, or after the withdrawal that ends its
/// sharing, found nothing to end it then: it is born cancelled (<see cref="ConcernClosure.WhyNotToStartAsync"/>).
/// </summary>
public sealed class AgencyTaskStateMachine : MassTransitStateMachine<AgencyTaskState>
{
    public AgencyTaskStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Offer, e => e.CorrelateById(m => m.Message.TaskId));
        Event(() => Claim, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Event(() => Acceptance, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Event(() => Decline, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Event(() => Complete, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Event(() => Reassign, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Event(() => ConcernClosed, e =>
        {
            e.CorrelateBy((s, m) => s.ConcernId == m.Message.ConcernId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => SharingWithdrawn, e =>
        {
            e.CorrelateBy((s, m) => s.ConcernId == m.Message.ConcernId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => Timer, s => s.TimerTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));

        // A second answer, or a close after completion, changes nothing.
        OnUnhandledEvent(c => c.Ignore());

        Initially(
            When(Offer)
                .Then(c =>
                {
                    var task = c.Saga;
                    var offer = c.Message;
                    task.ConcernId = offer.ConcernId;
                    task.MunicipalityId = offer.MunicipalityId;
                    task.AgencyId = offer.AgencyId;
                    task.Kind = offer.Kind;
                    task.Title = offer.Title;
                    task.OfferedAt = offer.OfferedAt;
                    task.DueAt = offer.DueAt;
                    task.ReminderInterval = offer.ReminderInterval;
                    task.EscalationAfterDue = offer.EscalationAfterDue;
                    task.EndsWithSharing = offer.EndsWithSharing;
                    task.OwnerUserId = offer.AssignedUserId;
                    task.RemindFrom = offer.DueAt - offer.ReminderLead;
                })
                // Offered after the close or the withdrawal was consumed (which found no task to end): born cancelled.
                .ThenAsync(async c => c.Saga.CancelReason = await c.GetServiceOrCreateInstance<CoordinationDbContext>()
                    .WhyNotToStartAsync(c.Saga.ConcernId, c.Saga.AgencyId, c.Saga.EndsWithSharing, c.CancellationToken))
                .IfElse(c => c.Saga.CancelReason is not null,
                    ended => ended
                        .Then(c => Cancel(c, c.Saga.CancelReason!, CaseLog.Now(c)))
                        .TransitionTo(Cancelled),
                    start => start
                    // The step it waits for was recorded while its offer was on its way (the
                    // request found no task to complete): born done, never reminded.
                    .IfElseAsync(FinishIfAlreadyRecordedAsync,
                        done => done.TransitionTo(Completed),
                        fresh => fresh
                        .Then(c =>
                        {
                            var task = c.Saga;
                            task.NextTimerAt = FirstTimer(task);
                            CaseLog.Write(c, CaseEvent.Of(task.ConcernId, c.Message.OfferedAt, "TaskOffered", CaseEventAudience.Agency, $"{c.Message.Kind} task offered: {c.Message.Title}", agency: task.AgencyId));
                        })
                        .Schedule(Timer, c => new AgencyTaskReminderDue(c.Saga.CorrelationId), c => c.Saga.NextTimerAt!.Value.UtcDateTime)
                        .IfElse(c => c.Saga.OwnerUserId is null,
                            queue => queue.TransitionTo(Offered),
                            assigned => assigned.TransitionTo(Claimed)))));

        During(Offered,
            When(Claim)
                .Then(c => c.Saga.OwnerUserId = c.Message.UserId)
                .Then(c => Log(c, c.Message.ClaimedAt, "TaskClaimed", "Task claimed.", c.Message.UserId))
                .TransitionTo(Claimed));

        During(Offered, Claimed,
            When(Acceptance, c => c.Saga.Kind == AgencyTaskKind.JointWork)
                .Then(c =>
                {
                    c.Saga.OwnerUserId = c.Message.UserId;
                    c.Saga.AnsweredAt = c.Message.AcceptedAt;
                    Log(c, c.Message.AcceptedAt, "TaskAccepted", "Task accepted.", c.Message.UserId);
                })
                .Unschedule(Timer)
                .TransitionTo(Accepted),
            When(Decline, c => c.Saga.Kind == AgencyTaskKind.JointWork)
                .Then(c =>
                {
                    c.Saga.DeclineReason = c.Message.Reason;
                    c.Saga.AnsweredAt = c.Message.DeclinedAt;
                    Log(c, c.Message.DeclinedAt, "TaskDeclined", $"Task declined: {c.Message.Reason}", c.Message.UserId);
                })
                .Unschedule(Timer)
                .TransitionTo(Declined),
            When(Complete, c => c.Saga.Kind != AgencyTaskKind.JointWork)
                .Then(c => Finish(c, c.Message))
                .Unschedule(Timer)
                .TransitionTo(Completed));

        During(Accepted,
            When(Complete)
                .Then(c => Finish(c, c.Message))
                .TransitionTo(Completed));

        During(Offered, Claimed, Accepted,
            // Given to the one who has it already (a hand-over repeated before its first run
            // reached the task, two managers at once): nothing changes, nothing is logged.
            When(Reassign, c => c.Saga.OwnerUserId != c.Message.NewOwnerUserId)
                .Then(c =>
                {
                    c.Saga.OwnerUserId = c.Message.NewOwnerUserId;
                    Log(c, c.Message.ReassignedAt, "TaskReassigned", "Task reassigned by a manager.", c.Message.ReassignedByUserId);
                })
                .If(c => c.Saga.CurrentState == nameof(Offered), open => open.TransitionTo(Claimed)),
            // Escalated once: a timer of an escalated task changes nothing.
            When(Timer.Received, c => c.Saga.EscalatedAt is null)
                .ThenAsync(KnowWhenRemindersBeginAsync)
                .IfElse(c => c.Saga.NextTimerAt >= c.Saga.EscalatesAt || CaseLog.Now(c) >= c.Saga.EscalatesAt,
                    escalate => escalate
                        .Then(c =>
                        {
                            // On time, or at once after downtime: recorded at the instant it was due.
                            c.Saga.EscalatedAt = c.Saga.EscalatesAt;
                            c.Saga.NextTimerAt = null;
                            Log(c, c.Saga.EscalatedAt!.Value, "TaskEscalated", "Deadline passed without an answer: escalated to the agency's managers.", null);
                        })
                        .Publish(c => new AgencyTaskEscalated(c.Saga.CorrelationId, c.Saga.AgencyId, c.Saga.EscalatedAt!.Value)),
                    notEscalated => notEscalated.IfElse(c => c.Saga.NextTimerAt < c.Saga.RemindFrom,
                        // A timer set before reminders began near the deadline (a task offered
                        // before the lead existed, reminded daily from its offer): it waits, unsaid.
                        early => early
                            .Then(c => c.Saga.NextTimerAt = Min(c.Saga.RemindFrom!.Value, c.Saga.EscalatesAt))
                            .Schedule(Timer, c => new AgencyTaskReminderDue(c.Saga.CorrelationId), c => c.Saga.NextTimerAt!.Value.UtcDateTime),
                    remind => remind
                        .Then(c =>
                        {
                            // Counted from when it fired, not from when it was due: after downtime
                            // the next reminder is an interval away, not already past and due at once.
                            var at = Max(CaseLog.Now(c), c.Saga.NextTimerAt ?? c.Saga.OfferedAt);
                            c.Saga.Reminders++;
                            c.Saga.LastRemindedAt = at;
                            c.Saga.NextTimerAt = Min(at + c.Saga.ReminderInterval, c.Saga.EscalatesAt);
                            Log(c, at, "TaskReminded", $"Reminder {c.Saga.Reminders}: the task is waiting.", null);
                        })
                        .Publish(c => new AgencyTaskReminded(c.Saga.CorrelationId, c.Saga.AgencyId, c.Saga.Reminders, c.Saga.LastRemindedAt!.Value))
                        .Schedule(Timer, c => new AgencyTaskReminderDue(c.Saga.CorrelationId), c => c.Saga.NextTimerAt!.Value.UtcDateTime))),
            When(ConcernClosed)
                .Then(c => Cancel(c, "The concern was closed.", c.Message.ClosedAt))
                .Unschedule(Timer)
                .Publish(c => new AgencyTaskCancelled(c.Saga.CorrelationId, c.Saga.AgencyId, c.Saga.CancelReason!, c.Saga.CancelledAt!.Value))
                .TransitionTo(Cancelled),
            // A task offered after the withdrawal is not the withdrawal's to end: a basis recorded
            // since found the agency no longer shared and offered it anew (SharingEndpoints).
            When(SharingWithdrawn, c => c.Saga.EndsWithSharing && c.Saga.OfferedAt <= c.Message.WithdrawnAt && !c.Message.StillSharedWithAgencyIds.Contains(c.Saga.AgencyId))
                .Then(c => Cancel(c, "Consent was withdrawn: the concern is no longer shared with the agency.", c.Message.WithdrawnAt))
                .Unschedule(Timer)
                .Publish(c => new AgencyTaskCancelled(c.Saga.CorrelationId, c.Saga.AgencyId, c.Saga.CancelReason!, c.Saga.CancelledAt!.Value))
                .TransitionTo(Cancelled));
    }

    /// <summary>In the agency's queue, nobody has it yet.</summary>
    public State Offered { get; private set; } = null!;

    /// <summary>Claimed by, or assigned to, a member of the agency.</summary>
    public State Claimed { get; private set; } = null!;

    public State Accepted { get; private set; } = null!;

    public State Declined { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<AgencyTaskOffered> Offer { get; private set; } = null!;

    public Event<AgencyTaskClaimed> Claim { get; private set; } = null!;

    public Event<AgencyTaskAccepted> Acceptance { get; private set; } = null!;

    public Event<AgencyTaskDeclined> Decline { get; private set; } = null!;

    public Event<AgencyTaskCompleted> Complete { get; private set; } = null!;

    public Event<AgencyTaskReassigned> Reassign { get; private set; } = null!;

    public Event<ConcernClosed> ConcernClosed { get; private set; } = null!;

    public Event<SharingBasisWithdrawn> SharingWithdrawn { get; private set; } = null!;

    /// <summary>The next reminder, or the escalation.</summary>
    public Schedule<AgencyTaskState, AgencyTaskReminderDue> Timer { get; private set; } = null!;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// The first reminder: one interval after the offer, but not before the lead before the
    /// deadline, so that a task due in months is not reminded daily from its first day; the
    /// escalation if that comes first. An offer without a lead (sent before it existed) is first
    /// timed from the offer; that timer then learns the lead (<see cref="KnowWhenRemindersBeginAsync"/>).
    /// </summary>
    private static DateTimeOffset FirstTimer(AgencyTaskState task)
    {
        var first = task.OfferedAt + task.ReminderInterval;
        if (task.RemindFrom is { } from)
        {
            first = Max(first, from);
        }

        return Min(first, task.EscalatesAt);
    }

    /// <summary>
    /// A task offered without a lead takes its municipality's lead in force when its timer first
    /// fires, so a task open since before the lead existed is no longer reminded daily for months.
    /// </summary>
    private static async Task KnowWhenRemindersBeginAsync(BehaviorContext<AgencyTaskState> c)
    {
        if (c.Saga.RemindFrom is null)
        {
            var (_, rules) = await c.GetServiceOrCreateInstance<CoordinationDbContext>().CurrentAsync(c.Saga.MunicipalityId, c.CancellationToken);
            c.Saga.RemindFrom = c.Saga.DueAt - TimeSpan.FromDays(rules.TaskReminderDaysBefore);
        }
    }

    private static void Finish(BehaviorContext<AgencyTaskState> c, AgencyTaskCompleted message)
    {
        c.Saga.CompletedAt = message.CompletedAt;
        c.Saga.NextTimerAt = null;
        Log(c, message.CompletedAt, "TaskCompleted", "Task completed.", message.UserId);
    }

    /// <summary>
    /// A new task whose step was already recorded on the concern (<see cref="StepsRecordedOnTheConcern"/>)
    /// is finished as that step, by its official at its time: true, and the task is done.
    /// </summary>
    private static async Task<bool> FinishIfAlreadyRecordedAsync(BehaviorContext<AgencyTaskState> c)
    {
        var step = await c.GetServiceOrCreateInstance<CoordinationDbContext>().AlreadyRecordedAsync(c.Saga.ConcernId, c.Saga.Kind, c.CancellationToken);
        if (step is null)
        {
            return false;
        }

        Finish(c, new AgencyTaskCompleted(c.Saga.CorrelationId, step.ActorUserId ?? Guid.Empty, step.At));
        return true;
    }

    private static void Cancel(BehaviorContext<AgencyTaskState> c, string reason, DateTimeOffset at)
    {
        c.Saga.CancelledAt = at;
        c.Saga.CancelReason = reason;
        c.Saga.NextTimerAt = null;
        Log(c, at, "TaskCancelled", $"Task cancelled: {reason}", null);
    }

    private static void Log(BehaviorContext<AgencyTaskState> c, DateTimeOffset at, string kind, string text, Guid? actor) =>
        CaseLog.Write(c, CaseEvent.Of(c.Saga.ConcernId, at, kind, CaseEventAudience.Agency, text, actor, c.Saga.AgencyId));
}
