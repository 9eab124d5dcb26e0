namespace Coordination.Host.Concerns;

/// <summary>POST /api/concerns/{id}/plan: <see cref="AgreePlan"/>, answered 201 with the first review and the tasks.</summary>
internal static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlan(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/plan", async (Guid id, PlanRequest request, HttpContext http, AgreePlan agree, CancellationToken ct) =>
            (await agree.ExecuteAsync(id, request, http.User.Viewer(), ct)).ToResult(plan =>
                TypedResults.Created($"/api/concerns/{id}", new { reviewId = plan.ReviewId, reviewDue = plan.ReviewDue, tasks = plan.TaskIds })));
        return concerns;
    }
}
