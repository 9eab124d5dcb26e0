using Coordination.Host.Security;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using System.Text.Json;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// A municipality's routing rules: read by its members, changed by its administrators, each change a
/// new version; a change names the version it was made to (<c>If-Match</c>), so that one made meanwhile is not overwritten.
/// </summary>
internal static class RoutingRulesEndpoints
{
    public static IEndpointRouteBuilder MapRoutingRules(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/municipalities/{municipalityId:guid}/routing-rules").WithTags("Routing rules");
        rules.MapGet("/", GetAsync);
        rules.MapPut("/", PutAsync);
        return endpoints;
    }

    internal static async Task<IResult> GetAsync(Guid municipalityId, HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        if (!http.User.Viewer().BelongsTo(municipalityId))
        {
            return Problems.NotFound("Municipality");
        }

        var (version, rules) = await db.CurrentAsync(municipalityId, cancellationToken);
        return Results.Json(new { version, rules }, RoutingRules.Json);
    }

    private static async Task<IResult> PutAsync(Guid municipalityId, HttpContext http, CoordinationDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        if (!viewer.BelongsTo(municipalityId))
        {
            return Problems.NotFound("Municipality");
        }

        if (!viewer.Administers(municipalityId))
        {
            return Problems.Forbidden("Only the municipality's administrators change routing rules.");
        }

        RoutingRules? rules;
        try
        {
            rules = await JsonSerializer.DeserializeAsync<RoutingRules>(http.Request.Body, RoutingRules.Json, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return Problems.Invalid(field, field.StartsWith("localClosingDays", StringComparison.Ordinal)
                ? "A list of days, each written YYYY-MM-DD."
                : "This value cannot be read as a routing rule: each category and agency is named once, by one of its names.");
        }

        if (!IfMatchVersion.TryRead(http.Request.Headers.IfMatch.ToString(), out var readVersion))
        {
            return Problems.Invalid(IfMatchVersion.Header, IfMatchVersion.Unreadable("the rules were"));
        }

        return await SaveAsync(municipalityId, rules, readVersion, http.User, db, clock, audit, cancellationToken);
    }

    /// <summary>
    /// Stores the rules as the municipality's next version, for the API and the administration page.
    /// With <paramref name="readVersion"/> (the version the editor loaded), only if nobody saved
    /// another since: otherwise two administrators editing at once would silently overwrite each
    /// other. Without it (no <c>If-Match</c>, as older clients send) the rules are saved whatever the version.
    /// </summary>
    internal static async Task<IResult> SaveAsync(
        Guid municipalityId, RoutingRules? rules, int? readVersion, System.Security.Claims.ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var viewer = user.Viewer();
        if (!viewer.BelongsTo(municipalityId))
        {
            return Problems.NotFound("Municipality");
        }

        if (!viewer.Administers(municipalityId))
        {
            return Problems.Forbidden("Only the municipality's administrators change routing rules.");
        }

        if (rules is null)
        {
            return Problems.Invalid("body", "The rules are required.");
        }

        var (version, _) = await db.CurrentAsync(municipalityId, cancellationToken);
        if (readVersion is { } read && read != version)
        {
            return Problems.StaleVersion("Rules changed meanwhile", $"Version {version} was saved after version {read}, which these changes were made to; read the rules again.");
        }

        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        db.Add(new RoutingRuleSet
        {
            Id = Guid.NewGuid(),
            MunicipalityId = municipalityId,
            Version = version + 1,
            Rules = JsonSerializer.Serialize(rules, RoutingRules.Json),
            ChangedByUserId = viewer.UserId,
            ChangedAt = clock.GetUtcNow(),
        });
        try
        {
            audit.Record(user.Audit(AuditAction.RoutingRulesChanged, "RoutingRules", municipalityId, municipalityId, "Administrator of the municipality", $"version {version + 1}"));
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same next version: the unique index lets one through. With If-Match
            // the loser's precondition no longer holds; without it, it is a plain conflict.
            const string title = "Rules changed meanwhile";
            const string detail = "Another administrator saved a new version at the same time; read the rules again.";
            return readVersion is null ? Problems.Conflict(title, detail) : Problems.StaleVersion(title, detail);
        }

        return Results.Json(new { version = version + 1, rules }, RoutingRules.Json);
    }
}
