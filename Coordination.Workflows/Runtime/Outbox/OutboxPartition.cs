namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Per consume scope: the saga instance whose event is running, so the outbox rows it writes
/// carry it (<see cref="OutboxMessage.WorkflowInstanceId"/>) and the relay keeps them in order.
/// </summary>
internal sealed class OutboxPartition
{
    public Guid? WorkflowInstanceId { get; set; }
}
