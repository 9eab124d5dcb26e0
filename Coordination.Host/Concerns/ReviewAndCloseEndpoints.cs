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
    public static RouteGroupBuilder MapReviewAndClose(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/reviews/{reviewId:guid}/done", async (Guid id, Guid reviewId, ReviewDoneRequest request, HttpContext http, ReviewCommands commands, CancellationToken ct) =>
            (await commands.HoldAsync(id, reviewId, request.Outcome, http.User.Viewer(), ct)).ToResult(next =>
                TypedResults.Ok(new { nextReviewId = next.NextReviewId, nextReviewDue = next.NextReviewDue })));
        concerns.MapPost("/{id:guid}/reviews/{reviewId:guid}/reassign", async (Guid id, Guid reviewId, ReassignTaskRequest request, HttpContext http, ReviewCommands commands, CancellationToken ct) =>
            (await commands.ReassignAsync(id, reviewId, request.UserId, http.User.Viewer(), ct)).ToResult(_ => TypedResults.Accepted($"/api/concerns/{id}")));
        concerns.MapPost("/{id:guid}/close", CloseAsync);
        return concerns;
    }

    internal static async Task<IResult> CloseAsync(
        Guid id, CloseConcernRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Text("outcome", request.Outcome, 1000, "The outcome");
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (file.State is null || file.IsClosed)
        {
            return Problems.Conflict("Concern not open", "The concern is already closed, or still being registered.");
        }

        // Closing ends every consent: nothing is shared from now on. The concern's row records the
        // close, so work whose first message is being consumed meanwhile sees the close or is seen
        // by it (ConcernClosure).
        var now = clock.GetUtcNow();
        file.Concern.ClosedAt = now;
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
