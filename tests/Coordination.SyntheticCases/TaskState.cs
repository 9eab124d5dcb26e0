using MassTransit;

namespace Coordination.SyntheticCases;

/// <summary>One task of a case, with a reminder while it waits to be accepted.</summary>
public sealed class TaskState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid CaseId { get; set; }

    public Guid? ReminderTokenId { get; set; }
}
