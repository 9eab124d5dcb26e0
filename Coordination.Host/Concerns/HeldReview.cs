namespace Coordination.Host.Concerns;

/// <summary>A review just held: the next review when the follow-up continues.</summary>
public sealed record HeldReview(Guid? NextReviewId, DateTimeOffset? NextReviewDue);
