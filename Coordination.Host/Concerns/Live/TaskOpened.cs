namespace Coordination.Host.Concerns.Live;

/// <summary>
/// A task entered an agency's inbox. Published by <see cref="TaskOpenedObserver"/> inside the
/// task's own transaction (so through the outbox), delivered only after the task is committed.
/// </summary>
public sealed record TaskOpened(Guid TaskId, Guid AgencyId, Guid? OwnerUserId);
