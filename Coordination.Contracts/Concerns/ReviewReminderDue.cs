namespace Coordination.Contracts.Concerns;

/// <summary>A review's reminder time came: the review is now due.</summary>
public sealed record ReviewReminderDue(Guid ReviewId);
