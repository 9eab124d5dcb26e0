using System.Text.Json;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns.Routing;

/// <summary>Reads the routing rules in force for a municipality.</summary>
public static class RoutingRuleStore
{
    /// <summary>The newest version and its rules, or version 0 with the defaults.</summary>
    public static async Task<(int Version, RoutingRules Rules)> CurrentAsync(this CoordinationDbContext db, Guid municipalityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.Set<RoutingRuleSet>().AsNoTracking()
            .Where(r => r.MunicipalityId == municipalityId)
            .OrderByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? (0, RoutingRules.Default)
            : (latest.Version, JsonSerializer.Deserialize<RoutingRules>(latest.Rules, RoutingRules.Json)!);
    }
}
