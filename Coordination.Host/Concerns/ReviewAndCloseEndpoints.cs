using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Contracts.Concerns;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Holding a follow-up review, and closing a concern with an outcome.</summary>
internal static class ReviewAndCloseEndpoints
{
    private static readonly string[] PendingReview = ["Scheduled", "Due", "Overdue"];

    public static RouteGroupBuilder MapReviewAndClose(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/reviews/{reviewId:guid}/done", ReviewDoneAsync);
        concerns.MapPost("/{id:guid}/reviews/{reviewId:guid}/reassign", async (Guid id, Guid reviewId, ReassignTaskRequest request, HttpContext http, ReviewCommands commands, CancellationToken ct) =>
            (await commands.ReassignAsync(id, reviewId, request.UserId, http.User.Viewer(), ct)).ToResult(_ => TypedResults.Accepted($"/api/concerns/{id}")));
        concerns.MapPost("/{id:guid}/close", CloseAsync);
        return concerns;
    }

    private static async Task<IResult> ReviewDoneAsync(
        Guid id, Guid reviewId, ReviewDoneRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Name<ReviewOutcome>("outcome", request.Outcome);
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        var review = await db.Set<ReviewState>().AsNoTracking().FirstOrDefaultAsync(r => r.CorrelationId == reviewId && r.ConcernId == id, cancellationToken);
        if (review is null)
        {
            return Problems.NotFound("Review");
        }

        if (!PendingReview.Contains(review.CurrentState))
        {
            return Problems.Conflict("Review not pending", $"The review is {review.CurrentState}.");
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
        return TypedResults.Ok(new { nextReviewId = nextId, nextReviewDue = nextDue });
    }

    private static async Task<IResult> CloseAsync(
        Guid id, CloseConcernRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Text("outcome", request.Outcome, 1000, "The outcome");
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (file.State is null || file.IsClosed)
        {
            return Problems.Conflict("Concern not open", "The concern is already closed, or still being registered.");
        }

        // Closing ends every consent: nothing is shared from now on.
        var now = clock.GetUtcNow();
        foreach (var basis in file.Bases.Where(b => b.InForce))
        {
            basis.WithdrawnAt = now;
            basis.WithdrawnByUserId = file.Viewer.UserId;
            audit.Record(http.User.Audit(AuditAction.LegalBasisWithdrawn, "Concern", id, file.Concern.MunicipalityId, $"{basis.Kind} {basis.Id}", "ended by closing the concern"));
        }

        await bus.Publish(new ConcernClosed(id, outcome!, file.Viewer.UserId, now), cancellationToken);
        db.Add(CaseEvent.Of(id, now, "ConcernClosed", CaseEventAudience.SharedAgencies, $"Concern closed: {outcome}", file.Viewer.UserId));
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
