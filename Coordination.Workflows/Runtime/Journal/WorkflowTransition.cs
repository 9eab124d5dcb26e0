namespace Coordination.Workflows.Runtime.Journal;

/// <summary>
/// One state change of one workflow instance, written in the transaction that changed the
/// state: the journal shows exactly the transitions that were committed.
/// </summary>
public sealed class WorkflowTransition
{
    public Guid Id { get; set; }

    /// <summary>The state machine's type name, e.g. <c>ConcernStateMachine</c>.</summary>
    public required string Workflow { get; set; }

    public Guid InstanceId { get; set; }

    public required string Event { get; set; }

    public string? FromState { get; set; }

    public required string ToState { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? MessageId { get; set; }

    /// <summary>The user whose request caused the message (<see cref="WorkflowHeaders.UserId"/>), or <see cref="WorkflowHeaders.SystemCause"/>.</summary>
    public required string Cause { get; set; }
}
