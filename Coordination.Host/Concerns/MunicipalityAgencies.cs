using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>The agencies of one municipality, by kind, and the kind of each.</summary>
internal static class MunicipalityAgencies
{
    public static async Task<Dictionary<Guid, AgencyKind>> KindsByIdAsync(this CoordinationDbContext db, Guid municipalityId, CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking()
            .Where(a => a.MunicipalityId == municipalityId)
            .ToDictionaryAsync(a => a.Id, a => a.Kind, cancellationToken);

    public static async Task<Dictionary<AgencyKind, Guid>> ByKindAsync(this CoordinationDbContext db, Guid municipalityId, CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking()
            .Where(a => a.MunicipalityId == municipalityId)
            .ToDictionaryAsync(a => a.Kind, a => a.Id, cancellationToken);
}
