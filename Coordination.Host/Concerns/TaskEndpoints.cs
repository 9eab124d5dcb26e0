using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;

namespace Coordination.Host.Concerns;

/// <summary>An agency's tasks over HTTP: <see cref="TaskQueries"/> and <see cref="TaskCommands"/> as JSON.</summary>
internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapAgencyTasks(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/tasks").WithTags("Agency tasks");
        tasks.MapGet("/mine", async (HttpContext http, TaskQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.MineAsync(http.User.Viewer(), ct)).Select(TaskView.Of)));
        tasks.MapGet("/queue", async (Guid? agencyId, HttpContext http, TaskQueries queries, CancellationToken ct) =>
            (await queries.QueueAsync(http.User.Viewer(), agencyId, ct)).ToResult(list => TypedResults.Ok(list.Select(TaskView.Of))));
        tasks.MapPost("/{id:guid}/claim", async (Guid id, HttpContext http, TaskCommands commands, CancellationToken ct) =>
            Accepted(await commands.ClaimAsync(id, http.User.Viewer(), ct)));
        tasks.MapPost("/{id:guid}/accept", async (Guid id, HttpContext http, TaskCommands commands, CancellationToken ct) =>
            Accepted(await commands.AcceptAsync(id, http.User.Viewer(), ct)));
        tasks.MapPost("/{id:guid}/decline", async (Guid id, DeclineTaskRequest request, HttpContext http, TaskCommands commands, CancellationToken ct) =>
            Accepted(await commands.DeclineAsync(id, request.Reason, http.User.Viewer(), ct)));
        tasks.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, TaskCommands commands, CancellationToken ct) =>
            Accepted(await commands.CompleteAsync(id, http.User.Viewer(), ct)));
        tasks.MapPost("/{id:guid}/reassign", async (Guid id, ReassignTaskRequest request, HttpContext http, TaskCommands commands, CancellationToken ct) =>
            Accepted(await commands.ReassignAsync(id, request.UserId, http.User.Viewer(), ct)));
        return endpoints;
    }

    /// <summary>
    /// The task inbox page's filter from a query string, or null with each value it cannot use
    /// named by its parameter: an unknown kind, an agency the user does not work in, an
    /// <c>overdue</c> other than true or false, any of them given twice.
    /// Listing everything instead would hide that the filter was not applied.
    /// </summary>
    public static TaskFilter? Filter(IQueryCollection query, CaseViewer viewer, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(errors);
        var kind = errors.Once(query, "kind") is { } k ? errors.Name<AgencyTaskKind>("kind", k) : null;
        Guid? agencyId = null;
        if (errors.Once(query, "agencyId") is { } a)
        {
            if (Guid.TryParse(a, out var id) && viewer.WorksIn(id))
            {
                agencyId = id;
            }
            else
            {
                errors.Add("agencyId", "Not an agency the user works in.");
            }
        }

        var overdue = false;
        if (errors.Once(query, "overdue") is { } o && !bool.TryParse(o, out overdue))
        {
            errors.Add("overdue", "true or false.");
        }

        return errors.Any ? null : new TaskFilter(kind, agencyId, overdue ? now : null);
    }

    private static IResult Accepted(Answer<Guid> answer) => answer.ToResult(id => TypedResults.Accepted($"/api/tasks/{id}"));
}
