namespace Coordination.Workflows.Persistence;

/// <summary>
/// A property of an <see cref="IVersionedRecord"/> that the service keeps for its own bookkeeping
/// (a reminder sent, a deadline escalated) and that no one's decision about the record rests on.
/// A save changing only such properties leaves the version where it was, so a person saving a
/// decision read just before a reminder was recorded is not refused as if someone else had
/// decided. The save itself is still checked against the version it read: a reminder recorded
/// on a task that was answered meanwhile fails, and its workflow retries against the answer.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UnversionedAttribute : Attribute;
