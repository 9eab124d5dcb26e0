using MassTransit;

namespace Coordination.Workflows.Inspections.Rounds;

/// <summary>
/// The timers of one agency's participation request (a <see cref="Tasks.InspectionTask"/> of
/// kind TakePartInRound, whose id is the correlation id).
/// </summary>
public sealed class ParticipationRequestState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid RoundId { get; set; }

    public Guid MunicipalityId { get; set; }

    public string AgencyKind { get; set; } = "";

    /// <summary>When the answer is due; the deadline timer is set from it once the reminder has fired.</summary>
    public DateTimeOffset DueAt { get; set; }

    public Guid? ReminderToken { get; set; }

    public Guid? DeadlineToken { get; set; }

    public Guid? ReplanTaskId { get; set; }
}
