using Coordination.Contracts.Concerns;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Follow-up reviews: social services record that a review was held; a manager gives a pending
/// review to a member of the coordinating agency to hold (a review has no task of its own, so
/// this is what "reassigning an overdue review" means). The API and the pages act through here.
/// </summary>
public sealed class ReviewCommands(CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock)
{
    public Task<Answer<Guid>> ReassignAsync(Guid concernId, Guid reviewId, Guid? userId, CaseViewer viewer, CancellationToken cancellationToken) =>
        ReassignAsync(concernId, reviewId, userId, viewer, heldBy: null, cancellationToken);

    /// <summary>
    /// Gives a pending review to a member of its agency who may hold it. With <paramref name="heldBy"/>
    /// (handing over a member's work, <see cref="WorkHandover"/>) only while that user still holds it.
    /// </summary>
    public async Task<Answer<Guid>> ReassignAsync(Guid concernId, Guid reviewId, Guid? userId, CaseViewer viewer, Guid? heldBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var review = await db.Set<ReviewState>().AsNoTracking().FirstOrDefaultAsync(r => r.CorrelationId == reviewId, cancellationToken);
        if (review is null || review.ConcernId != concernId || !viewer.WorksIn(review.AgencyId))
        {
            return Refusal.NotFound("Review");
        }

        if (!viewer.Manages(review.AgencyId))
        {
            return Refusal.Forbidden("Only the coordinating agency's managers reassign reviews.");
        }

        var member = userId is { } user && await AgencyDirectory.CaseMemberships(db, review.AgencyId).AnyAsync(m => m.UserId == user, cancellationToken);
        if (!member)
        {
            return Refusal.Invalid("userId", "Name a member of the review's agency who works on cases (staff, manager or coordinator).");
        }

        if (!ReviewState.PendingStates.Contains(review.CurrentState))
        {
            return Refusal.Conflict("Review not pending", $"The review is {review.CurrentState}.");
        }

        if (heldBy is { } holder && review.OwnerUserId != holder)
        {
            return WorkHandover.NoLongerHeld("review");
        }

        await bus.Publish(new ReviewReassigned(reviewId, userId!.Value, viewer.UserId, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Answers.Of(reviewId);
    }

    /// <summary>Records that a pending review was held, with its outcome; continuing schedules the next one.</summary>
    public async Task<Answer<HeldReview>> HoldAsync(Guid id, Guid reviewId, string? outcomeName, CaseViewer viewer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Name<ReviewOutcome>("outcome", outcomeName);
        if (errors.Any)
        {
            return Refusal.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, viewer, clock, cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        var review = await db.Set<ReviewState>().AsNoTracking().FirstOrDefaultAsync(r => r.CorrelationId == reviewId && r.ConcernId == id, cancellationToken);
        if (review is null)
        {
            return Refusal.NotFound("Review");
        }

        if (!ReviewState.PendingStates.Contains(review.CurrentState))
        {
            return Refusal.Conflict("Review not pending", $"The review is {review.CurrentState}.");
        }

        var now = clock.GetUtcNow();
        Guid? nextId = null;
        DateTimeOffset? nextDue = null;
        DateTimeOffset? nextRemind = null;
        if (outcome == ReviewOutcome.Continue)
        {
            var (_, rules) = await db.CurrentAsync(file.Concern.MunicipalityId, cancellationToken);
            nextId = Guid.NewGuid();
            nextDue = rules.Calendar().CalendarDeadline(now, CalendarPeriod.OfMonths(rules.ReviewIntervalMonths));
            nextRemind = nextDue.Value.AddDays(-rules.ReviewReminderDaysBefore);
        }

        await bus.Publish(new ReviewCompleted(reviewId, outcome!.Value, file.Viewer.UserId, now, nextId, nextDue, nextRemind), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Answers.Of(new HeldReview(nextId, nextDue));
    }
}
