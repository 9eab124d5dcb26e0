using MassTransit;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>The timers of one visit's protocol; the correlation id is the visit's id.</summary>
public sealed class ProtocolState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid ProtocolTaskId { get; set; }

    /// <summary>When the protocol is due; the deadline timer is set from it once the reminder has fired.</summary>
    public DateTimeOffset DueAt { get; set; }

    public Guid? ReminderToken { get; set; }

    public Guid? DeadlineToken { get; set; }
}
