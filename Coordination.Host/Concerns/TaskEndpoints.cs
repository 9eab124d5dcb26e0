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

    private static IResult Accepted(Answer<Guid> answer) => answer.ToResult(id => TypedResults.Accepted($"/api/tasks/{id}"));
}
