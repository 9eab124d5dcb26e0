namespace Coordination.Host.Concerns;

/// <summary>The member of the agency who gets the task.</summary>
public sealed record ReassignTaskRequest(Guid? UserId);
