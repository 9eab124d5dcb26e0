namespace Coordination.Host.Concerns;

/// <summary>The HTTP API of Workflow A: concerns, their sharing, tasks, plans, reviews, routing rules and overdue lists.</summary>
internal static class ConcernsApi
{
    public static IEndpointRouteBuilder MapConcernsApi(this IEndpointRouteBuilder endpoints)
    {
        var concerns = endpoints.MapGroup("/api/concerns").WithTags("Concerns");
        concerns.MapPost("/", RaiseConcernEndpoint.RaiseAsync);
        concerns.MapConcernQueries().MapAssessments().MapSharing().MapPlan().MapReviewAndClose();
        endpoints.MapAgencyTasks().MapOverdue().MapRoutingRules();
        return endpoints;
    }
}
