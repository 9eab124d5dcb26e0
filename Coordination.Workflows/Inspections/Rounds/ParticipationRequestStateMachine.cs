using Coordination.Contracts.Inspections;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Inspections.Rounds;

/// <summary>
/// A participation request for an inspection round (DOMAIN.md Workflow B step 2): the agency
/// is reminded before the deadline and escalated to its managers after it; the police's decline,
/// or any participant's proposal of another time, gives the licensing officer a task to plan the
/// round again. An optional participant's decline does not: the round goes ahead without it.
/// </summary>
public sealed class ParticipationRequestStateMachine : MassTransitStateMachine<ParticipationRequestState>
{
    public ParticipationRequestStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Requested, e => e.CorrelateById(m => m.Message.TaskId));
        Event(() => Answered, e => e.CorrelateToExisting(m => m.Message.TaskId));
        Schedule(() => Reminder, s => s.ReminderToken, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));
        Schedule(() => Deadline, s => s.DeadlineToken, s => s.Received = r => r.CorrelateById(m => m.Message.TaskId));

        Initially(
            When(Requested)
                .Then(c =>
                {
                    c.Saga.RoundId = c.Message.RoundId;
                    c.Saga.MunicipalityId = c.Message.MunicipalityId;
                    c.Saga.AgencyKind = c.Message.AgencyKind;
                    c.Saga.DueAt = c.Message.DueAt;
                })
                .Schedule(Reminder, c => new ParticipationReminderDue(c.Saga.CorrelationId), c => c.Message.RemindAt.UtcDateTime)
                .TransitionTo(AwaitingAnswer));

        // One timer at a time (see InspectionWorkflows): the deadline is set when the reminder fires.
        During(AwaitingAnswer,
            When(Reminder.Received)
                .Then(c => c.Saga.ReminderToken = null)
                .ThenAsync(c => c.Db().RemindAsync(c.Saga.CorrelationId, c.Now()))
                .Schedule(Deadline, c => new ParticipationDeadlinePassed(c.Saga.CorrelationId), c => c.Saga.DueAt.UtcDateTime),
            When(Deadline.Received)
                .Then(c => c.Saga.DeadlineToken = null)
                .ThenAsync(c => c.Db().EscalateAsync(c.Saga.CorrelationId, c.Now()))
                .TransitionTo(Escalated));

        During(AwaitingAnswer, Escalated,
            When(Answered, c => c.Message.Answer == nameof(InspectionTaskStatus.Accepted))
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .TransitionTo(Accepted),
            When(Answered, c => c.Message.Answer is nameof(InspectionTaskStatus.Declined) or nameof(InspectionTaskStatus.OtherTimeProposed))
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .ThenAsync(async c => c.Saga.ReplanTaskId = await CreateReplanTaskAsync(c))
                .TransitionTo(ReplanningRequested),
            When(Answered, c => c.Message.Answer == nameof(InspectionTaskStatus.Cancelled))
                .Unschedule(Reminder)
                .Unschedule(Deadline)
                .Finalize());

        // Answers that race: the request's task has a version, so of two answers sent at the same
        // moment (a double click) one is saved, but a message may still come twice (redelivered,
        // or retried from an incident), and a round planned again cancels a request whose answer
        // is on its way. The same answer again carries nothing new; a
        // cancellation ends the request, and the replanning task an answer opened with it, since
        // the round has just been planned again. Two different answers are left unhandled: which
        // one the agency meant is for a person to find out, from the incident.
        During(Accepted,
            Ignore(Answered, c => c.Message.Answer == nameof(InspectionTaskStatus.Accepted)),
            When(Answered, c => c.Message.Answer == nameof(InspectionTaskStatus.Cancelled))
                .Finalize());

        During(ReplanningRequested,
            Ignore(Answered, c => c.Message.Answer is nameof(InspectionTaskStatus.Declined) or nameof(InspectionTaskStatus.OtherTimeProposed)),
            When(Answered, c => c.Message.Answer == nameof(InspectionTaskStatus.Cancelled))
                .ThenAsync(CancelReplanTaskAsync)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State AwaitingAnswer { get; private set; } = null!;

    public State Escalated { get; private set; } = null!;

    public State Accepted { get; private set; } = null!;

    public State ReplanningRequested { get; private set; } = null!;

    public Event<ParticipationRequested> Requested { get; private set; } = null!;

    public Event<ParticipationAnswered> Answered { get; private set; } = null!;

    public Schedule<ParticipationRequestState, ParticipationReminderDue> Reminder { get; private set; } = null!;

    public Schedule<ParticipationRequestState, ParticipationDeadlinePassed> Deadline { get; private set; } = null!;

    /// <summary>
    /// The licensing officer's task to plan the round again, due by the round's planned start:
    /// not replanned by then, it escalates to the licensing managers (<see cref="InspectionTaskDeadlineStateMachine"/>).
    /// None for the police's answer when the officer no longer has the round to plan again: the
    /// police's answer marked it so in the transaction that saved it, and the officer has since
    /// planned it for another evening or let it go ahead without them, while the answer was on
    /// its way to this workflow. None either for an answer to a request the round has since been
    /// planned again past: the agency's newer request answers for the round now (declined too,
    /// it opened its own task to plan again). None for an optional participant's decline
    /// (<see cref="InspectionRound.Requires"/>): the round goes ahead without the rescue service
    /// or the tax agency, and its page shows their answer.
    /// </summary>
    private static async Task<Guid?> CreateReplanTaskAsync(BehaviorContext<ParticipationRequestState, ParticipationAnswered> context)
    {
        var answer = context.Message;
        var required = Enum.TryParse<AgencyKind>(context.Saga.AgencyKind, out var participant) && InspectionRound.Requires(participant);
        if (!required && answer.Answer == nameof(InspectionTaskStatus.Declined))
        {
            return null;
        }

        var round = await context.Db().Set<InspectionRound>().FindAsync([context.Saga.RoundId], context.CancellationToken);
        if (round is { Status: not RoundStatus.NeedsReplanning } && required)
        {
            return null;
        }

        if (await SupersededAsync(context))
        {
            return null;
        }

        var what = answer.Answer == nameof(InspectionTaskStatus.Declined) ? "declined" : "proposed another time for";
        var task = InspectionTask.Create(
            context.Saga.MunicipalityId,
            AgencyKind.LicensingUnit,
            InspectionTaskKind.ReplanRound,
            $"Plan the round again: {context.Saga.AgencyKind} {what} it",
            context.Now(),
            dueAt: round?.StartsAt);
        task.RoundId = context.Saga.RoundId;
        task.ProposedStart = answer.ProposedStart;
        task.Note = answer.Note;
        context.Db().Add(task);
        await context.DeadlineSetAsync(task, context.CancellationToken);
        return task.Id;
    }

    /// <summary>Whether the round was planned again after this request went out, so that the agency has a newer request for it.</summary>
    private static async Task<bool> SupersededAsync(BehaviorContext<ParticipationRequestState, ParticipationAnswered> context)
    {
        var tasks = context.Db().Set<InspectionTask>();
        if (await tasks.FindAsync([context.Saga.CorrelationId], context.CancellationToken) is not { } request)
        {
            return false;
        }

        return await tasks.AnyAsync(
            t => t.RoundId == request.RoundId && t.Kind == InspectionTaskKind.TakePartInRound && t.AgencyKind == request.AgencyKind
                && t.Id != request.Id && t.CreatedAt > request.CreatedAt,
            context.CancellationToken);
    }

    /// <summary>The round was planned again while the answer that asked for it was on its way: nothing is left to replan.</summary>
    private static async Task CancelReplanTaskAsync(BehaviorContext<ParticipationRequestState, ParticipationAnswered> context)
    {
        if (context.Saga.ReplanTaskId is { } id && await context.Db().Set<InspectionTask>().FindAsync([id], context.CancellationToken) is { IsOpen: true } task)
        {
            task.Complete(InspectionTaskStatus.Cancelled, context.Now());
            await context.EndedAsync(task, context.CancellationToken);
        }
    }
}
