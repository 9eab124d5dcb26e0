namespace Coordination.Contracts.Concerns;

/// <summary>
/// Sets the concern's legal-deadline timer if it has none: sent at start-up for open concerns
/// raised before the concern kept such a timer. Changes nothing when a timer is already set.
/// </summary>
public sealed record LegalDeadlinesResumed(Guid ConcernId);
