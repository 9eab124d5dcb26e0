namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Asks the timer endpoint to create a Quartz job. Used where Quartz cannot safely join the
/// consumer's transaction (SQLite): the request itself is committed through the outbox
/// together with the state change that set the timer, so the timer is never lost.
/// <paramref name="InstanceId"/> is the workflow instance that set it (for incidents; null in
/// requests written before it was sent).
/// </summary>
public sealed record ScheduleTimer(Guid TokenId, Uri Destination, string MessageType, string Body, Guid MessageId, DateTimeOffset DueAt, Guid? InstanceId = null);

/// <summary>Asks the timer endpoint to delete a Quartz job; travels the same ordered way as <see cref="ScheduleTimer"/>.</summary>
public sealed record CancelTimer(Guid TokenId, Guid? InstanceId = null);
