namespace Coordination.Host.FollowUp;

/// <summary>Concerns raised, tasks offered and inspection visits in one month of the half-year.</summary>
public sealed record FollowUpMonth(DateOnly Month, int Concerns, int Tasks, int Visits);
