using MassTransit;

namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>The timer of one consent valid until a date; the correlation id is the basis's id.</summary>
public sealed class ConsentEndState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid ConcernId { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public Guid? EndToken { get; set; }
}
