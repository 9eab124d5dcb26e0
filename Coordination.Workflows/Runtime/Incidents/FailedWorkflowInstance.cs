namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>
/// A payload the saga's event observer puts on the receive context when an event faults, since
/// only the saga knows its instance; <see cref="IncidentRecorder"/> reads it.
/// </summary>
internal sealed class FailedWorkflowInstance
{
    public Guid? InstanceId { get; set; }
}
