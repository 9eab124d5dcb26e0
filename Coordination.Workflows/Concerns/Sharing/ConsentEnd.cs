using System.Globalization;
using Coordination.Contracts.Concerns;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>
/// Ends a consent whose validity ran out, as a withdrawal does (SharingEndpoints in the host): the
/// basis ends at its <see cref="SharingBasis.EndsAt"/>, the concern and every basis of it in force
/// take a new version (so a change of its sharing decided on the bases read before conflicts), the
/// chronology and the audit log record it, and <see cref="SharingBasisWithdrawn"/> ends the tasks
/// of agencies no other basis covers. A consent no longer in force (withdrawn, or the concern
/// closed) is left as it is.
/// </summary>
public static class ConsentEnd
{
    /// <summary>The actor named in the audit log for an end nobody asked for.</summary>
    public const string Actor = "system: consent validity";

    public static async Task EndAsync(ConsumeContext context, Guid basisId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.GetServiceOrCreateInstance<CoordinationDbContext>();
        var basis = await db.Set<SharingBasis>().FirstOrDefaultAsync(b => b.Id == basisId, context.CancellationToken);
        if (basis is not { InForce: true, EndsAt: { } endsAt })
        {
            return;
        }

        var concern = await db.Set<Concern>().FirstAsync(c => c.Id == basis.ConcernId, context.CancellationToken);
        var bases = await db.Set<SharingBasis>().Where(b => b.ConcernId == basis.ConcernId).ToListAsync(context.CancellationToken);
        SharingBasis.ChangeSharing(db, concern, bases);
        basis.WithdrawnAt = endsAt;
        basis.WithdrawnByUserId = null;
        var stillShared = ConcernAccess.SharedAgencies(bases);
        var until = basis.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        db.Add(CaseEvent.Of(concern.Id, endsAt, "ConsentExpired", CaseEventAudience.SocialServices, $"Consent ({basis.GivenBy}) was valid until {until}: sharing under it stopped.", null));
        await context.Publish(new SharingBasisWithdrawn(concern.Id, basis.Id, stillShared, endsAt), context.CancellationToken);

        var trail = context.GetServiceOrCreateInstance<AuditTrail>();
        trail.Record(new AuditRecord(AuditAction.LegalBasisWithdrawn, null, Actor, "Concern", concern.Id.ToString(), concern.MunicipalityId,
            $"{basis.Kind} {basis.Id}", $"ended: valid until {until}"));
        await trail.AddToTransactionAsync(context.CancellationToken);
    }
}
