using MassTransit;

namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>The timers of one supervision case; the correlation id is the case's id.</summary>
public sealed class SupervisionCaseState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid VenueId { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>When the first six-monthly follow-up falls due; its timer is set when the appeal window closes.</summary>
    public DateTimeOffset? FirstFollowUpAt { get; set; }

    public Guid? ReplyDeadlineToken { get; set; }

    public Guid? AppealWindowToken { get; set; }

    public Guid? FollowUpToken { get; set; }
}
