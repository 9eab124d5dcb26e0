using Coordination.Workflows.Runtime.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

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
        string? status, IncidentQueries queries, CancellationToken cancellationToken)
    {
        IncidentStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}."],
                });
            }

            wanted = parsed;
        }

        var incidents = await queries.ListAsync(wanted, cancellationToken);
        return TypedResults.Ok(incidents.Select(IncidentResponse.From).ToList());
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(Guid id, IncidentRetry retry, CancellationToken cancellationToken) =>
        await retry.RetryAsync(id, cancellationToken) switch
        {
            IncidentRetryResult.Retried => TypedResults.Accepted((string?)null),
            IncidentRetryResult.NotFound => Problem(StatusCodes.Status404NotFound, "Unknown incident", $"No incident has the id {id}.", id),
            _ => Problem(StatusCodes.Status409Conflict, "Incident already retried", $"Incident {id} is no longer open; its message was already sent again.", id),
        };

    private static ProblemHttpResult Problem(int status, string title, string detail, Guid id) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["id"] = id });
}
