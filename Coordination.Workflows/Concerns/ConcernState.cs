using Coordination.Contracts.Concerns;
using MassTransit;

namespace Coordination.Workflows.Concerns;

/// <summary>
/// Where a concern stands in social services' handling: the protective assessment, the
/// preliminary assessment and the investigation with their legal deadlines, the feedback to
/// the reporter, sharing and the plan, and its closing.
/// </summary>
public sealed class ConcernState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid MunicipalityId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Skyddsbedömning: the end of the same working day, or the next when raised late.</summary>
    public DateTimeOffset ProtectiveAssessmentDue { get; set; }

    public DateTimeOffset? ProtectiveAssessmentDoneAt { get; set; }

    /// <summary>Förhandsbedömning: 14 days, moved past holidays (SoL 11 kap. 1 a §).</summary>
    public DateTimeOffset PreliminaryAssessmentDue { get; set; }

    public PreliminaryDecision? PreliminaryDecision { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Four months from the decision to open, unless extended for a recorded reason.</summary>
    public DateTimeOffset? InvestigationDue { get; set; }

    public string? InvestigationExtensionReason { get; set; }

    /// <summary>
    /// Each extension of the investigation, with the deadline it replaced, oldest first: what was
    /// overdue on a past day is judged by the deadline in force then (<see cref="InvestigationDueAt"/>).
    /// Kept from migration 20261212090000; an extension made before has no entry.
    /// </summary>
    public List<DeadlineChange> InvestigationDueChanges { get; set; } = [];

    public DateTimeOffset? InvestigationCompletedAt { get; set; }

    public InvestigationConclusion? InvestigationConclusion { get; set; }

    public ReporterFeedback? FeedbackGiven { get; set; }

    public DateTimeOffset? FeedbackGivenAt { get; set; }

    /// <summary>Whether any consent or other legal basis for sharing is in force.</summary>
    public bool Shared { get; set; }

    public DateTimeOffset? PlanAgreedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The one timer: the next limit of an assessment not yet made (<see cref="NextLegalDeadlineAt"/>).</summary>
    public Guid? LegalDeadlineTokenId { get; set; }

    /// <summary>When the timer fires, or null when no limit is left to watch.</summary>
    public DateTimeOffset? NextLegalDeadlineAt { get; set; }

    /// <summary>Limits up to and including this time have been escalated; a later one (an extension) is watched again.</summary>
    public DateTimeOffset? EscalatedThrough { get; set; }

    /// <summary>
    /// The legal assessments not yet made, each with its limit, in the order the law takes them:
    /// the protective assessment, the preliminary decision, then an opened investigation. Read
    /// by the managers' overdue lists and by the concern's deadline timer.
    /// </summary>
    public IEnumerable<LegalLimit> OpenLimits()
    {
        if (ProtectiveAssessmentDoneAt is null)
        {
            yield return new LegalLimit(LegalLimit.ProtectiveAssessment, ProtectiveAssessmentDue);
        }

        if (PreliminaryDecision is null)
        {
            yield return new LegalLimit(LegalLimit.PreliminaryAssessment, PreliminaryAssessmentDue);
        }

        if (InvestigationDue is { } due && InvestigationCompletedAt is null)
        {
            yield return new LegalLimit(LegalLimit.Investigation, due);
        }
    }

    /// <summary>
    /// The investigation's deadline as it stood at <paramref name="instant"/>: the one replaced by
    /// the first extension made after it, or the current one when none was. Null without an investigation.
    /// </summary>
    public DateTimeOffset? InvestigationDueAt(DateTimeOffset instant) =>
        InvestigationDueChanges.Where(c => c.ChangedAt > instant).OrderBy(c => c.ChangedAt).Select(c => (DateTimeOffset?)c.PreviousDue).FirstOrDefault()
        ?? InvestigationDue;

    /// <summary>The earliest open limit not yet escalated, or null while the concern is closed or every limit is met or escalated.</summary>
    public DateTimeOffset? NextLimitToWatch() =>
        ClosedAt is not null
            ? null
            : OpenLimits().Where(l => EscalatedThrough is not { } through || l.DueAt > through).Select(l => (DateTimeOffset?)l.DueAt).Min();
}

