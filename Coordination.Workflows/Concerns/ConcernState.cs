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

    public DateTimeOffset? InvestigationCompletedAt { get; set; }

    public InvestigationConclusion? InvestigationConclusion { get; set; }

    public ReporterFeedback? FeedbackGiven { get; set; }

    public DateTimeOffset? FeedbackGivenAt { get; set; }

    /// <summary>Whether any consent or other legal basis for sharing is in force.</summary>
    public bool Shared { get; set; }

    public DateTimeOffset? PlanAgreedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? Outcome { get; set; }
}
