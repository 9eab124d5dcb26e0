using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;

namespace Coordination.Host.Concerns;

/// <summary>
/// An agency's tasks over HTTP: <see cref="TaskQueries"/> and <see cref="TaskCommands"/> as JSON.
/// The lists are filtered by <c>kind</c>, <c>agencyId</c>, <c>overdue</c>, <c>reminded</c> and <c>owner</c> (a user
/// id) as the task inbox page is (<see cref="FilterAsync"/>); a value it cannot use is a 400 naming the parameter.
/// </summary>
internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapAgencyTasks(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/tasks").WithTags("Agency tasks");
        tasks.MapGet("/mine", (HttpContext http, TaskQueries queries, AgencyDirectory directory, TimeProvider clock, CancellationToken ct) =>
            FilteredAsync(http, directory, clock, async (viewer, filter) => TypedResults.Ok((await queries.MineAsync(viewer, filter, ct)).Select(TaskView.Of)), ct));
        tasks.MapGet("/queue", (HttpContext http, TaskQueries queries, AgencyDirectory directory, TimeProvider clock, CancellationToken ct) =>
            FilteredAsync(http, directory, clock, async (viewer, filter) => (await queries.QueueAsync(viewer, filter, ct)).ToResult(list => TypedResults.Ok(list.Select(TaskView.Of))), ct));
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
    /// The filter from a query string (the task inbox page reads its own through the same rules),
    /// or null with each value it cannot use named by its parameter: an unknown kind, an agency the
    /// user does not work in, an <c>overdue</c> or <c>reminded</c> other than true or false, an
    /// <c>owner</c> that is not the id of someone who holds work in the user's agencies
    /// (<see cref="AgencyDirectory.HoldsWorkInAsync"/>), any of them given twice.
    /// Listing everything, or nothing, instead would hide that the filter was not applied.
    /// </summary>
    public static async Task<TaskFilter?> FilterAsync(IQueryCollection query, CaseViewer viewer, DateTimeOffset now, ValidationErrors errors, AgencyDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(directory);
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

        var reminded = false;
        if (errors.Once(query, "reminded") is { } r && !bool.TryParse(r, out reminded))
        {
            errors.Add("reminded", "true or false.");
        }

        Guid? owner = null;
        if (errors.Once(query, "owner") is { } w)
        {
            if (Guid.TryParse(w, out var id) && await directory.HoldsWorkInAsync(viewer.AllCaseAgencies(), id, cancellationToken))
            {
                owner = id;
            }
            else
            {
                errors.Add("owner", "Not the user id of a member, or of someone holding work, of an agency the user works in.");
            }
        }

        return errors.Any ? null : new TaskFilter(kind, agencyId, overdue ? now : null, reminded, owner);
    }

    /// <summary>A task list under the filter of the request's query string, or the 400 naming what it cannot use, listing nothing.</summary>
    private static async Task<IResult> FilteredAsync(HttpContext http, AgencyDirectory directory, TimeProvider clock, Func<CaseViewer, TaskFilter, Task<IResult>> list, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var errors = new ValidationErrors();
        return await FilterAsync(http.Request.Query, viewer, clock.GetUtcNow(), errors, directory, cancellationToken) is { } filter
            ? await list(viewer, filter)
            : Problems.Invalid(errors.Errors);
    }

    private static IResult Accepted(Answer<Guid> answer) => answer.ToResult(id => TypedResults.Accepted($"/api/tasks/{id}"));
}
