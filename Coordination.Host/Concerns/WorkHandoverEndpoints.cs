namespace Coordination.Host.Concerns;

/// <summary>
/// <c>POST /api/municipalities/{municipalityId}/agencies/{agencyId}/handover</c>: an agency's manager
/// hands all open work of one member to another (<see cref="WorkHandover"/>). Answered 202, as a
/// single reassignment is (the workflows record each change a moment later), with what was handed
/// over and what could not be, and why; the address lists the new holder's tasks of the agency.
/// </summary>
internal static class WorkHandoverEndpoints
{
    public static IEndpointRouteBuilder MapWorkHandover(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/municipalities/{municipalityId:guid}/agencies/{agencyId:guid}/handover",
            async (Guid municipalityId, Guid agencyId, HandOverWorkRequest request, HttpContext http, WorkHandover handover, CancellationToken ct) =>
                (await handover.HandOverAsync(municipalityId, agencyId, request.FromUserId, request.ToUserId, http.User.Viewer(), ct)).ToResult(done =>
                    TypedResults.Accepted($"/api/tasks/queue?agencyId={agencyId}&owner={request.ToUserId}", new
                    {
                        tasksHandedOver = done.Tasks.Count,
                        reviewsHandedOver = done.Reviews.Count,
                        tasks = done.Tasks,
                        reviews = done.Reviews,
                        notHandedOver = done.NotHandedOver.Select(n => new { kind = n.Kind, id = n.Id, reason = n.Reason, detail = n.Detail }),
                    })))
            .WithTags("Agency tasks");
        return endpoints;
    }
}
