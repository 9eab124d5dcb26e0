using MassTransit;

namespace Coordination.Workflows.Tests.Runtime.Counter;

/// <summary>A saga used only by the runtime tests: counts increments, found by id or by its task.</summary>
public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public int Count { get; set; }

    public Guid TaskId { get; set; }

    public int Pings { get; set; }
}
