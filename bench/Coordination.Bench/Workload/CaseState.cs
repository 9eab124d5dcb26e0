using MassTransit;

namespace Coordination.Bench.Workload;

/// <summary>A concern-shaped case: open until its three tasks are accepted.</summary>
public sealed class CaseState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public int OpenTasks { get; set; }
}
