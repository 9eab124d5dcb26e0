using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// A manager gives a pending follow-up review to a member of the coordinating agency to hold.
/// A review has no task of its own, so this is what "reassigning an overdue review" means.
/// </summary>
public sealed class ReviewCommands(CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock)
{
    private static readonly string[] Pending = ["Scheduled", "Due", "Overdue"];

    public async Task<Answer<Guid>> ReassignAsync(Guid concernId, Guid reviewId, Guid? userId, CaseViewer viewer, CancellationToken cancellationToken)
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

        var member = userId is { } user && await db.Memberships.AnyAsync(m => m.UserId == user && m.AgencyId == review.AgencyId, cancellationToken);
        if (!member)
        {
            return Refusal.Invalid("userId", "Name a member of the review's agency.");
        }

        if (!Pending.Contains(review.CurrentState))
        {
            return Refusal.Conflict("Review not pending", $"The review is {review.CurrentState}.");
        }

        await bus.Publish(new ReviewReassigned(reviewId, userId!.Value, viewer.UserId, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Answers.Of(reviewId);
    }
}
