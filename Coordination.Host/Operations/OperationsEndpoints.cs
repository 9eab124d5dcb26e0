using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Runtime.Journal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Operations;

/// <summary>For administrators: the workflows' diagrams, each instance's journal, and the incidents.</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var workflows = endpoints.MapGroup("/api/operations/workflows")
            .WithTags("Operations")
            .RequireAuthorization(OperationsPolicy.Administrator);
        workflows.MapGet("/", (WorkflowCatalog catalog) => TypedResults.Ok(catalog.Names));
        workflows.MapGet("/{name}/diagram", Diagram);
        workflows.MapGet("/{instanceId:guid}/journal", JournalAsync);
        endpoints.MapIncidentEndpoints();
        return endpoints;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Diagram(string name, WorkflowCatalog catalog) =>
        catalog.Find(name) is { } machine
            ? TypedResults.Text(WorkflowDiagram.Of(machine).ToMermaid(), "text/vnd.mermaid; charset=utf-8")
            : TypedResults.Problem(
                title: "Unknown workflow",
                detail: $"No state machine named '{name}' is registered; GET /api/operations/workflows lists them.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["name"] = name });

    internal static async Task<Results<Ok<List<WorkflowTransitionResponse>>, ProblemHttpResult>> JournalAsync(
        Guid instanceId, System.Security.Claims.ClaimsPrincipal user, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        // Only the administrators who answer for the instance read its journal: a concern's are social
        // services', a task's its agency's (WorkflowInstanceOwner); to anyone else it does not exist.
        var visible = await Security.WorkflowInstanceOwner.AdministeredByAsync(db, instanceId, user, cancellationToken);
        var transitions = await db.Set<WorkflowTransition>().AsNoTracking()
            .Where(t => visible && t.InstanceId == instanceId)
            .OrderBy(t => t.OccurredAt)
            .Select(t => new WorkflowTransitionResponse(t.Workflow, t.Event, t.FromState, t.ToState, t.OccurredAt, t.MessageId, t.Cause))
            .ToListAsync(cancellationToken);
        return transitions.Count > 0
            ? TypedResults.Ok(transitions)
            : TypedResults.Problem(
                title: "Unknown workflow instance",
                detail: $"No transition is journalled for instance {instanceId}.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["instanceId"] = instanceId });
    }
}
