using Coordination.Contracts.Inspections;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>
/// A supervision case over time (DOMAIN.md Workflow B steps 5–6): the licensee's reply time after
/// kommunicering, the three-week appeal window after the decision, and the six-monthly
/// follow-ups of the venue until the supervision is closed.
/// </summary>
public sealed class SupervisionCaseStateMachine : MassTransitStateMachine<SupervisionCaseState>
{
    public SupervisionCaseStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Opened, e => e.CorrelateById(m => m.Message.CaseId));
        Event(() => Communicated, e => e.CorrelateToExisting(m => m.Message.CaseId));
        Event(() => Replied, e => e.CorrelateToExisting(m => m.Message.CaseId));
        Event(() => Decided, e => e.CorrelateToExisting(m => m.Message.CaseId));
        Event(() => Appealed, e => e.CorrelateToExisting(m => m.Message.CaseId));
        Event(() => Closed, e => e.CorrelateToExisting(m => m.Message.CaseId));
        Schedule(() => ReplyDeadline, s => s.ReplyDeadlineToken, s => s.Received = r => r.CorrelateById(m => m.Message.CaseId));
        Schedule(() => AppealWindow, s => s.AppealWindowToken, s => s.Received = r => r.CorrelateById(m => m.Message.CaseId));
        Schedule(() => FollowUp, s => s.FollowUpToken, s => s.Received = r => r.CorrelateById(m => m.Message.CaseId));

        Initially(
            When(Opened)
                .Then(c =>
                {
                    c.Saga.VenueId = c.Message.VenueId;
                    c.Saga.MunicipalityId = c.Message.MunicipalityId;
                })
                .TransitionTo(Proposing));

        // A harsher proposal after the reply is communicated again, with a reply time of its own.
        During(Proposing, AwaitingDecision,
            When(Communicated)
                .Schedule(ReplyDeadline, c => new KommuniceringReplyDeadlinePassed(c.Saga.CorrelationId), c => c.Message.ReplyDueAt.UtcDateTime)
                .TransitionTo(AwaitingReply));

        // A reply is acted on only while one to the current kommunicering is on the case: the
        // reply to a proposal since replaced by a harsher one (delivered late, or retried from an
        // incident) must not end the new proposal's reply time.
        During(AwaitingReply,
            When(Replied)
                .IfAsync(c => c.Db().ReplyRecordedAsync(c.Saga.CorrelationId), reply => reply
                    .Unschedule(ReplyDeadline)
                    .ThenAsync(c => c.Db().ReadyForDecisionAsync(c.Saga.CorrelationId, c.Now()))
                    .TransitionTo(AwaitingDecision)),
            When(ReplyDeadline.Received)
                .Then(c => c.Saga.ReplyDeadlineToken = null)
                .ThenAsync(c => c.Db().ReadyForDecisionAsync(c.Saga.CorrelationId, c.Now()))
                .TransitionTo(AwaitingDecision));

        // The edge records a reply while the case awaits one, and an appeal while the window is
        // open; the deadline's timer may be consumed before the event that follows. The reply or
        // appeal is on the case already, and the timer's step read it (a decision task says the
        // licensee replied; the decision does not become final over an appeal): the event that
        // arrives after it carries nothing new. Every other late event is a fault and stays one.
        // (A reply or appeal received in time but entered after the timer's step publishes no event:
        // the edge changes what the step wrote itself, see SupervisionLateEntry.)
        During(AwaitingDecision, AppealWindowOpen, AppealedInTime, UnderFollowUp,
            Ignore(Replied));

        During(UnderFollowUp,
            Ignore(Appealed));

        // One timer at a time (see InspectionWorkflows): the first follow-up is set when the
        // appeal window closes, and an appeal lets the window's timer run out instead of cancelling it.
        During(AwaitingDecision,
            When(Decided)
                .Then(c => c.Saga.FirstFollowUpAt = c.Message.FollowUpAt)
                .Schedule(AppealWindow, c => new AppealWindowClosed(c.Saga.CorrelationId), c => c.Message.AppealEndsAt.UtcDateTime)
                .TransitionTo(AppealWindowOpen));

        During(AppealWindowOpen,
            When(Appealed)
                .TransitionTo(AppealedInTime));

        During(AppealWindowOpen, AppealedInTime,
            When(AppealWindow.Received)
                .Then(c => c.Saga.AppealWindowToken = null)
                .ThenAsync(c => c.Db().DecisionFinalAsync(c.Saga.CorrelationId, c.Now()))
                .Schedule(FollowUp, c => new SupervisionFollowUpDue(c.Saga.CorrelationId), c => c.Saga.FirstFollowUpAt!.Value.UtcDateTime)
                .TransitionTo(UnderFollowUp));

        During(UnderFollowUp,
            When(FollowUp.Received)
                .Then(c => c.Saga.FollowUpToken = null)
                .IfAsync(c => c.Db().StillFollowedUpAsync(c.Saga.CorrelationId), open => open
                    .ThenAsync(c => c.Db().FollowUpDueAsync(c.Saga.CorrelationId, c.Now(), c))
                    .Schedule(FollowUp, c => new SupervisionFollowUpDue(c.Saga.CorrelationId), c => c.Db().NextFollowUp(c.Saga.CorrelationId))));

        DuringAny(
            When(Closed)
                .Unschedule(ReplyDeadline)
                .Unschedule(AppealWindow)
                .Unschedule(FollowUp)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Proposing { get; private set; } = null!;

    public State AwaitingReply { get; private set; } = null!;

    public State AwaitingDecision { get; private set; } = null!;

    public State AppealWindowOpen { get; private set; } = null!;

    public State AppealedInTime { get; private set; } = null!;

    public State UnderFollowUp { get; private set; } = null!;

    public Event<SupervisionCaseOpened> Opened { get; private set; } = null!;

    public Event<KommuniceringSent> Communicated { get; private set; } = null!;

    public Event<KommuniceringReplied> Replied { get; private set; } = null!;

    public Event<SanctionDecided> Decided { get; private set; } = null!;

    public Event<AppealLodged> Appealed { get; private set; } = null!;

    public Event<SupervisionCaseClosed> Closed { get; private set; } = null!;

    public Schedule<SupervisionCaseState, KommuniceringReplyDeadlinePassed> ReplyDeadline { get; private set; } = null!;

    public Schedule<SupervisionCaseState, AppealWindowClosed> AppealWindow { get; private set; } = null!;

    public Schedule<SupervisionCaseState, SupervisionFollowUpDue> FollowUp { get; private set; } = null!;
}
