using Coordination.Host.Security.Audit;

namespace Coordination.Host.Concerns;

/// <summary>The HTTP API of Workflow A: concerns, their sharing, tasks, plans, reviews, hand-overs of a member's work, routing rules and overdue lists.</summary>
internal static class ConcernsApi
{
    /// <summary>The queries and commands the API and the web UI share (one read path per view).</summary>
    public static IServiceCollection AddConcernQueriesAndCommands(this IServiceCollection services)
    {
        services.AddScoped<RaiseConcern>();
        services.AddScoped<ConcernQueries>();
        services.AddScoped<ConcernList>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<TaskReadAudit>();
        services.AddScoped<TaskCommands>();
        services.AddScoped<ReviewCommands>();
        services.AddScoped<AgreePlan>();
        services.AddScoped<OverdueQuery>();
        services.AddScoped<AgencyDirectory>();
        services.AddScoped<WorkHandover>();
        services.AddScoped<OverdueTrendQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapConcernsApi(this IEndpointRouteBuilder endpoints)
    {
        var concerns = endpoints.MapGroup("/api/concerns").WithTags("Concerns");
        concerns.MapPost("/", RaiseConcernEndpoint.RaiseAsync);
        concerns.MapConcernList().MapConcernQueries().MapAssessments().MapSharing().MapProtectedIdentity().MapPlan().MapReviewAndClose();
        endpoints.MapAgencyTasks().MapWorkHandover().MapOverdue().MapRoutingRules();
        return endpoints;
    }
}
