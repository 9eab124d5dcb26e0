using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using System.Text.Json;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>A municipality's routing rules: read by its members, changed by its administrators, each change a new version.</summary>
internal static class RoutingRulesEndpoints
{
    public static IEndpointRouteBuilder MapRoutingRules(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/municipalities/{municipalityId:guid}/routing-rules").WithTags("Routing rules");
        rules.MapGet("/", GetAsync);
        rules.MapPut("/", PutAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(Guid municipalityId, HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
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
            return Problems.Invalid(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body", "This value cannot be read as a routing rule.");
        }

        if (rules is null)
        {
            return Problems.Invalid("body", "The rules are required.");
        }

        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (version, _) = await db.CurrentAsync(municipalityId, cancellationToken);
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
            audit.Record(http.User.Audit(AuditAction.RoutingRulesChanged, "RoutingRules", municipalityId, municipalityId, "Administrator of the municipality", $"version {version + 1}"));
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("Rules changed meanwhile", "Another administrator saved a new version at the same time; read the rules again.");
        }

        return Results.Json(new { version = version + 1, rules }, RoutingRules.Json);
    }
}
