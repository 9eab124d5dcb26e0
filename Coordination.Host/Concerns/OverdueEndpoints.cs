namespace Coordination.Host.Concerns;

/// <summary>GET /api/overdue: <see cref="OverdueQuery"/> as JSON, per agency and municipality.</summary>
internal static class OverdueEndpoints
{
    public static IEndpointRouteBuilder MapOverdue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/overdue", async (HttpContext http, OverdueQuery query, CancellationToken cancellationToken) =>
            (await query.ForManagerAsync(http.User.Viewer(), null, null, cancellationToken)).ToResult(agencies => TypedResults.Ok(new
            {
                agencies = agencies.Select(a => new
                {
                    agencyId = a.AgencyId,
                    municipalityId = a.MunicipalityId,
                    agencyKind = a.AgencyKind.ToString(),
                    tasks = a.Tasks.Select(TaskView.Of),
                    assessments = a.Assessments.Select(x => new { concernId = x.ConcernId, assessment = x.Assessment, dueAt = x.DueAt }),
                    reviews = a.Reviews.Select(r => new { id = r.CorrelationId, concernId = r.ConcernId, r.Number, r.DueAt }),
                    nearLimit = a.NearLimit.Select(x => new { concernId = x.ConcernId, assessment = x.Assessment, dueAt = x.DueAt }),
                }),
            })))
            .WithTags("Concerns");
        return endpoints;
    }
}
