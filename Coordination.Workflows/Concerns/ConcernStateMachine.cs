using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Escalation;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Concerns;

/// <summary>
/// A concern in social services' hands: awaiting the protective assessment, awaiting the
/// preliminary-assessment decision, then under investigation or not opened, until closed.
/// The decision may come before the protective assessment (an acute case); the protective
/// assessment is then still recorded in the later open states. Sharing and the commitment plan
/// are recorded in any open state. The deadlines it keeps
/// are read by the managers' overdue lists; the agency tasks have state machines of their own.
/// One timer watches the next legal limit not yet met (<see cref="ConcernState.NextLimitToWatch"/>):
/// when it passes, the chronology says so and <see cref="LegalAssessmentOverdue"/> is published,
/// whose check (<see cref="Tasks.EscalationRecipientsCheck"/>) makes sure social services has a
/// manager to see it on the overdue list; then the timer moves on to the next limit.
/// </summary>
public sealed class ConcernStateMachine : MassTransitStateMachine<ConcernState>
{
    public ConcernStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Raised, e => e.CorrelateById(m => m.Message.ConcernId));
        Event(() => ProtectiveAssessmentCompleted, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => PreliminaryAssessmentDecided, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => InvestigationExtended, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => InvestigationCompleted, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => FeedbackGiven, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => SharingBasisRecorded, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => SharingBasisWithdrawn, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => PlanAgreed, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => ClosedWithOutcome, e => e.CorrelateToExisting(m => m.Message.ConcernId));
        Event(() => DeadlinesResumed, e =>
        {
            e.CorrelateById(m => m.Message.ConcernId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => LegalDeadline, s => s.LegalDeadlineTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.ConcernId));

        // A repeated or late answer changes nothing; the HTTP edge has already refused it.
        OnUnhandledEvent(c => c.Ignore());

        Initially(
            When(Raised)
                .Then(c =>
                {
                    c.Saga.MunicipalityId = c.Message.MunicipalityId;
                    c.Saga.RaisedAt = c.Message.RaisedAt;
                    c.Saga.ProtectiveAssessmentDue = c.Message.ProtectiveAssessmentDue;
                    c.Saga.PreliminaryAssessmentDue = c.Message.PreliminaryAssessmentDue;
                })
                .WatchLimits(this)
                .TransitionTo(AwaitingProtectiveAssessment));

        During(AwaitingProtectiveAssessment,
            When(ProtectiveAssessmentCompleted)
                .Then(c => c.Saga.ProtectiveAssessmentDoneAt = c.Message.CompletedAt)
                .WatchLimits(this)
                .TransitionTo(AwaitingPreliminaryDecision));

        // In an acute case the preliminary assessment is decided at once and the protective
        // assessment written down afterwards: it is kept then too, without moving the concern back,
        // because the overdue lists and the half-year follow-up read its time. The first one counts.
        During([UnderInvestigation, Investigated, NotOpened],
            When(ProtectiveAssessmentCompleted, c => c.Saga.ProtectiveAssessmentDoneAt is null)
                .Then(c => c.Saga.ProtectiveAssessmentDoneAt = c.Message.CompletedAt)
                .WatchLimits(this));

        During(AwaitingProtectiveAssessment, AwaitingPreliminaryDecision,
            When(PreliminaryAssessmentDecided, c => c.Saga.PreliminaryDecision is null)
                .Then(c =>
                {
                    c.Saga.PreliminaryDecision = c.Message.Decision;
                    c.Saga.DecidedAt = c.Message.DecidedAt;
                    c.Saga.InvestigationDue = c.Message.InvestigationDue;
                })
                .WatchLimits(this)
                .IfElse(c => c.Message.Decision == PreliminaryDecision.NotOpened,
                    notOpened => notOpened.TransitionTo(NotOpened),
                    opened => opened.TransitionTo(UnderInvestigation)));

        During(UnderInvestigation,
            When(InvestigationExtended)
                .Then(c =>
                {
                    if (c.Saga.InvestigationDue is { } replaced)
                    {
                        c.Saga.InvestigationDueChanges.Add(new DeadlineChange(c.Message.ExtendedAt, replaced));
                    }

                    c.Saga.InvestigationDue = c.Message.NewDue;
                    c.Saga.InvestigationExtensionReason = c.Message.Reason;
                })
                .WatchLimits(this),
            When(InvestigationCompleted)
                .Then(c =>
                {
                    c.Saga.InvestigationCompletedAt = c.Message.CompletedAt;
                    c.Saga.InvestigationConclusion = c.Message.Conclusion;
                })
                .WatchLimits(this)
                .TransitionTo(Investigated));

        During([AwaitingProtectiveAssessment, AwaitingPreliminaryDecision, UnderInvestigation, Investigated, NotOpened],
            When(FeedbackGiven).Then(KeepFeedback),
            When(SharingBasisRecorded).Then(c => c.Saga.Shared = true),
            When(SharingBasisWithdrawn).Then(c => c.Saga.Shared = c.Message.StillSharedWithAgencyIds.Count > 0),
            When(PlanAgreed).Then(c => c.Saga.PlanAgreedAt = c.Message.AgreedAt),
            When(ClosedWithOutcome)
                .Then(c =>
                {
                    c.Saga.ClosedAt = c.Message.ClosedAt;
                    c.Saga.Outcome = c.Message.Outcome;
                    c.Saga.Shared = false;
                })
                .WatchLimits(this)
                .TransitionTo(Closed),
            When(LegalDeadline.Received)
                .ThenAsync(PassLimitsAsync)
                .WatchLimits(this),
            When(DeadlinesResumed, c => c.Saga.LegalDeadlineTokenId is null)
                .WatchLimits(this));

        // The reporter is owed the feedback also when the concern was closed before it was given
        // (closing cancels its task): given afterwards, it is kept, as the reporter's view reads it.
        During(Closed,
            When(FeedbackGiven, c => c.Saga.FeedbackGiven is null).Then(KeepFeedback));
    }

    /// <summary>The feedback given to the reporter, as the reporter's view and the follow-up read it.</summary>
    private static void KeepFeedback(BehaviorContext<ConcernState, ReporterFeedbackGiven> c)
    {
        c.Saga.FeedbackGiven = c.Message.Outcome;
        c.Saga.FeedbackGivenAt = c.Message.GivenAt;
    }

    /// <summary>
    /// The timer came: every open limit up to it not yet escalated gets a chronology line and an
    /// overdue message, in the same transaction as the state; a limit met meanwhile gets neither.
    /// </summary>
    private static async Task PassLimitsAsync(BehaviorContext<ConcernState> c)
    {
        var concern = c.Saga;
        var at = concern.NextLegalDeadlineAt ?? CaseLog.Now(c);
        var passed = concern.OpenLimits().Where(l => l.DueAt <= at && (concern.EscalatedThrough is not { } through || l.DueAt > through)).ToList();
        concern.EscalatedThrough = at;
        concern.NextLegalDeadlineAt = null;
        foreach (var limit in passed)
        {
            CaseLog.Write(c, CaseEvent.Of(concern.CorrelationId, limit.DueAt, "LegalLimitPassed", CaseEventAudience.SocialServices,
                $"{LegalLimit.Describe(limit.Assessment)} not made by its legal limit ({EscalationRecipients.Due(limit.DueAt)}): on the managers' overdue list."));
            await c.Publish(new LegalAssessmentOverdue(concern.CorrelationId, concern.MunicipalityId, limit.Assessment, limit.DueAt)).ConfigureAwait(false);
        }
    }

    public State AwaitingProtectiveAssessment { get; private set; } = null!;

    public State AwaitingPreliminaryDecision { get; private set; } = null!;

    public State UnderInvestigation { get; private set; } = null!;

    /// <summary>The investigation is finished; the joint work, plan and reviews may go on until the case is closed.</summary>
    public State Investigated { get; private set; } = null!;

    public State NotOpened { get; private set; } = null!;

    /// <summary>Closed with an outcome; the row stays for the chronology and the half-year follow-up.</summary>
    public State Closed { get; private set; } = null!;

    public Event<ConcernRaised> Raised { get; private set; } = null!;

    public Event<ProtectiveAssessmentCompleted> ProtectiveAssessmentCompleted { get; private set; } = null!;

    public Event<PreliminaryAssessmentDecided> PreliminaryAssessmentDecided { get; private set; } = null!;

    public Event<InvestigationExtended> InvestigationExtended { get; private set; } = null!;

    public Event<InvestigationCompleted> InvestigationCompleted { get; private set; } = null!;

    public Event<ReporterFeedbackGiven> FeedbackGiven { get; private set; } = null!;

    public Event<SharingBasisRecorded> SharingBasisRecorded { get; private set; } = null!;

    public Event<SharingBasisWithdrawn> SharingBasisWithdrawn { get; private set; } = null!;

    public Event<CommitmentPlanAgreed> PlanAgreed { get; private set; } = null!;

    public Event<ConcernClosed> ClosedWithOutcome { get; private set; } = null!;

    public Event<LegalDeadlinesResumed> DeadlinesResumed { get; private set; } = null!;

    /// <summary>The next legal limit not yet met or escalated.</summary>
    public Schedule<ConcernState, LegalDeadlineDue> LegalDeadline { get; private set; } = null!;
}

/// <summary>Keeps the concern's one timer on its next legal limit after each change.</summary>
internal static class LegalDeadlineWatch
{
    /// <summary>
    /// Sets the timer to <see cref="ConcernState.NextLimitToWatch"/>, moves it when that changed,
    /// and cancels it when no limit is left (met, escalated, or the concern closed).
    /// </summary>
    public static EventActivityBinder<ConcernState, T> WatchLimits<T>(this EventActivityBinder<ConcernState, T> binder, ConcernStateMachine machine)
        where T : class =>
        binder
            .If(c => c.Saga.NextLimitToWatch() is null && c.Saga.LegalDeadlineTokenId is not null,
                stop => stop
                    .Unschedule(machine.LegalDeadline)
                    .Then(c => c.Saga.NextLegalDeadlineAt = null))
            .If(c => c.Saga.NextLimitToWatch() is { } next && (next != c.Saga.NextLegalDeadlineAt || c.Saga.LegalDeadlineTokenId is null),
                set => set
                    .Then(c => c.Saga.NextLegalDeadlineAt = c.Saga.NextLimitToWatch())
                    .Schedule(machine.LegalDeadline, c => new LegalDeadlineDue(c.Saga.CorrelationId), c => c.Saga.NextLegalDeadlineAt!.Value.UtcDateTime));
}
