using Coordination.Contracts.Concerns;
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
                .TransitionTo(AwaitingProtectiveAssessment));

        During(AwaitingProtectiveAssessment,
            When(ProtectiveAssessmentCompleted)
                .Then(c => c.Saga.ProtectiveAssessmentDoneAt = c.Message.CompletedAt)
                .TransitionTo(AwaitingPreliminaryDecision));

        // In an acute case the preliminary assessment is decided at once and the protective
        // assessment written down afterwards: it is kept then too, without moving the concern back,
        // because the overdue lists and the half-year follow-up read its time. The first one counts.
        During([UnderInvestigation, Investigated, NotOpened],
            When(ProtectiveAssessmentCompleted, c => c.Saga.ProtectiveAssessmentDoneAt is null)
                .Then(c => c.Saga.ProtectiveAssessmentDoneAt = c.Message.CompletedAt));

        During(AwaitingProtectiveAssessment, AwaitingPreliminaryDecision,
            When(PreliminaryAssessmentDecided, c => c.Saga.PreliminaryDecision is null)
                .Then(c =>
                {
                    c.Saga.PreliminaryDecision = c.Message.Decision;
                    c.Saga.DecidedAt = c.Message.DecidedAt;
                    c.Saga.InvestigationDue = c.Message.InvestigationDue;
                })
                .IfElse(c => c.Message.Decision == PreliminaryDecision.NotOpened,
                    notOpened => notOpened.TransitionTo(NotOpened),
                    opened => opened.TransitionTo(UnderInvestigation)));

        During(UnderInvestigation,
            When(InvestigationExtended)
                .Then(c =>
                {
                    c.Saga.InvestigationDue = c.Message.NewDue;
                    c.Saga.InvestigationExtensionReason = c.Message.Reason;
                }),
            When(InvestigationCompleted)
                .Then(c =>
                {
                    c.Saga.InvestigationCompletedAt = c.Message.CompletedAt;
                    c.Saga.InvestigationConclusion = c.Message.Conclusion;
                })
                .TransitionTo(Investigated));

        During([AwaitingProtectiveAssessment, AwaitingPreliminaryDecision, UnderInvestigation, Investigated, NotOpened],
            When(FeedbackGiven)
                .Then(c =>
                {
                    c.Saga.FeedbackGiven = c.Message.Outcome;
                    c.Saga.FeedbackGivenAt = c.Message.GivenAt;
                }),
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
                .TransitionTo(Closed));
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
}
