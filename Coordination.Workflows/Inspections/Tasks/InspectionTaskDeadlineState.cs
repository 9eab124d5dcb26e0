using MassTransit;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>The due-time timer of one inspection task without a workflow of its own; the correlation id is the task's id.</summary>
public sealed class InspectionTaskDeadlineState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    public Guid? DeadlineToken { get; set; }
}
