using Coordination.Host.Inspections.Tasks;
using Microsoft.Extensions.Primitives;

namespace Coordination.Host.Concerns;

/// <summary>
/// GET /api/overdue: <see cref="OverdueQuery"/> as JSON, per agency and municipality, narrowed by
/// <c>municipalityId</c> and <c>agencyId</c> as the dashboard is. An id the manager does not manage
/// gives an empty list, as on the dashboard, which says nothing about another municipality.
/// </summary>
internal static class OverdueEndpoints
{
    public static IEndpointRouteBuilder MapOverdue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/overdue", async (HttpContext http, OverdueQuery query, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var municipalityId = OptionalId(http.Request.Query, "municipalityId", errors);
                var agencyId = OptionalId(http.Request.Query, "agencyId", errors);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.Errors);
                }

                return (await query.ForManagerAsync(http.User.Viewer(), municipalityId, agencyId, cancellationToken)).ToResult(agencies => TypedResults.Ok(new
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
                        inspectionTasks = a.InspectionTasks.Select(InspectionTaskView.Of),
                    }),
                }));
            })
            .WithTags("Concerns");
        return endpoints;
    }

    /// <summary>An optional id in the query string; anything but one id is refused at its parameter.</summary>
    private static Guid? OptionalId(IQueryCollection query, string name, ValidationErrors errors)
    {
        var value = query[name];
        if (StringValues.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Count == 1 && Guid.TryParse(value[0], out var id))
        {
            return id;
        }

        errors.Add(name, "One id, written like 0f8fad5b-d9cb-469f-a165-70867728950e.");
        return null;
    }
}
