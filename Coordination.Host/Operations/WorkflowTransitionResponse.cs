namespace Coordination.Host.Operations;

/// <summary>One journalled transition as the API returns it.</summary>
internal sealed record WorkflowTransitionResponse(
    string Workflow, string Event, string? FromState, string ToState, DateTimeOffset OccurredAt, Guid? MessageId, string Cause);
