namespace Coordination.Contracts.Concerns;

/// <summary>A review was held; continuing schedules the next review, closing ends the follow-up.</summary>
public sealed record ReviewCompleted(Guid ReviewId, ReviewOutcome Outcome, Guid CompletedByUserId, DateTimeOffset CompletedAt, Guid? NextReviewId, DateTimeOffset? NextDueAt, DateTimeOffset? NextRemindAt);
