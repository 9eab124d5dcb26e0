using MassTransit;

namespace Coordination.SyntheticCases;

/// <summary>A case that is open until its three tasks are accepted.</summary>
public sealed class CaseState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    /// <summary>Tasks not yet accepted; a duplicate acceptance would drive it below zero.</summary>
    public int OpenTasks { get; set; }
}
