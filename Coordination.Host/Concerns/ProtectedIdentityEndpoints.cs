using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;

namespace Coordination.Host.Concerns;

/// <summary>
/// Social services mark a young person's identity as protected (skyddad identitet) on a concern
/// whose reporter did not know it: from then on the agencies it is shared with see neither the
/// name nor the school (<see cref="ConcernView"/>), the full view alone keeps them (DOMAIN.md,
/// information sharing). A mark is not taken back here: an identity stops being protected by a
/// decision outside the service, and showing it again is not to be done by a click.
/// </summary>
internal static class ProtectedIdentityEndpoints
{
    public static RouteGroupBuilder MapProtectedIdentity(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/protected-identity", MarkAsync);
        return concerns;
    }

    internal static async Task<IResult> MarkAsync(Guid id, HttpContext http, CoordinationDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (file.Concern.HasProtectedIdentity)
        {
            return Problems.Conflict("Already protected", "The young person's identity is already marked as protected on this concern.");
        }

        var now = clock.GetUtcNow();
        file.Concern.HasProtectedIdentity = true;
        db.Add(CaseEvent.Of(id, now, "ProtectedIdentityMarked", CaseEventAudience.SocialServices,
            "The young person's identity was marked as protected: the agencies shared with no longer see the name or the school.", file.Viewer.UserId));
        audit.Record(http.User.Audit(AuditAction.ProtectedIdentityMarked, "Concern", id, file.Concern.MunicipalityId, "skyddad identitet", "name and school hidden from the agencies shared with"));
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
