using Coordination.Workflows;
using Coordination.Workflows.Runtime.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Operations;

/// <summary>For administrators: messages that failed every retry, and sending one again once its cause is fixed.</summary>
internal static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var incidents = endpoints.MapGroup("/api/operations/incidents")
            .WithTags("Operations")
            .RequireAuthorization(OperationsPolicy.Administrator);
        incidents.MapGet("/", ListAsync);
        incidents.MapPost("/{id:guid}/retry", RetryAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<List<IncidentResponse>>, ValidationProblem>> ListAsync(
        string? status, IncidentQueries queries, System.Security.Claims.ClaimsPrincipal user, Workflows.Persistence.CoordinationDbContext db, CancellationToken cancellationToken)
    {
        // One status by its name: "Open,Retried" (also what a repeated parameter binds to) would
        // otherwise be read as the flags 1|2, another status.
        IncidentStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = EnumNames.Find<IncidentStatus>(status);
            if (wanted is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}."],
                });
            }
        }

        // An incident is shown only to the administrators who answer for its workflow instance (WorkflowInstanceOwner).
        var incidents = await queries.ListAsync(wanted, cancellationToken);
        var visibleTo = await Security.WorkflowInstanceOwner.IncidentVisibilityAsync(db, incidents.Select(i => i.InstanceId).ToList(), user, cancellationToken);
        return TypedResults.Ok(incidents.Where(i => visibleTo(i.InstanceId, i.Body)).Select(IncidentResponse.From).ToList());
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(
        Guid id, IncidentRetry retry, System.Security.Claims.ClaimsPrincipal user, Workflows.Persistence.CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var instance = await db.Set<Incident>().Where(i => i.Id == id).Select(i => new { i.InstanceId, i.Body }).FirstOrDefaultAsync(cancellationToken);
        if (instance is not null && !await Security.WorkflowInstanceOwner.IncidentVisibleToAsync(db, instance.InstanceId, instance.Body, user, cancellationToken))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown incident", $"No incident has the id {id}.", id);
        }

        return await retry.RetryAsync(id, cancellationToken) switch
        {
            IncidentRetryResult.Retried => TypedResults.Accepted((string?)null),
            IncidentRetryResult.NotFound => Problem(StatusCodes.Status404NotFound, "Unknown incident", $"No incident has the id {id}.", id),
            _ => Problem(StatusCodes.Status409Conflict, "Incident already retried", $"Incident {id} is no longer open; its message was already sent again.", id),
        };
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, Guid id) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["id"] = id });
}
