using MassTransit;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>The timers of one re-inspection; the correlation id is its task's id.</summary>
public sealed class ReInspectionState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid VenueId { get; set; }

    /// <summary>When the venue must have been visited again; the deadline timer is set from it once the reminder has fired.</summary>
    public DateTimeOffset DueAt { get; set; }

    public Guid? ReminderToken { get; set; }

    public Guid? DeadlineToken { get; set; }
}
