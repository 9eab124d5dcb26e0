using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>An agency's tasks: my tasks, the agency's queue, and claiming, answering, completing and reassigning them.</summary>
internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapAgencyTasks(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/tasks").WithTags("Agency tasks");
        tasks.MapGet("/mine", MineAsync);
        tasks.MapGet("/queue", QueueAsync);
        tasks.MapPost("/{id:guid}/claim", ClaimAsync);
        tasks.MapPost("/{id:guid}/accept", AcceptAsync);
        tasks.MapPost("/{id:guid}/decline", DeclineAsync);
        tasks.MapPost("/{id:guid}/complete", CompleteAsync);
        tasks.MapPost("/{id:guid}/reassign", ReassignAsync);
        return endpoints;
    }

    private static async Task<IResult> MineAsync(HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var agencies = viewer.AllCaseAgencies();
        var tasks = await db.Open().Where(t => t.OwnerUserId == viewer.UserId && agencies.Contains(t.AgencyId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(tasks.OrderBy(t => t.DueAt).Select(TaskView.Of));
    }

    private static async Task<IResult> QueueAsync(Guid? agencyId, HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        if (agencyId is { } requested && !viewer.WorksIn(requested))
        {
            return Problems.Forbidden("You see the queues of the agencies you work in.");
        }

        var agencies = agencyId is { } one ? [one] : viewer.AllCaseAgencies();
        var tasks = await db.Open().Where(t => agencies.Contains(t.AgencyId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(tasks.OrderBy(t => t.DueAt).Select(TaskView.Of));
    }

    private static Task<IResult> ClaimAsync(Guid id, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken) =>
        ActAsync(id, http, db, async (task, viewer) =>
        {
            if (task.CurrentState != "Offered")
            {
                return Problems.Conflict("Task already taken", "Someone already has this task.");
            }

            await bus.Publish(new AgencyTaskClaimed(id, viewer.UserId, clock.GetUtcNow()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Accepted($"/api/tasks/{id}");
        }, cancellationToken);

    private static Task<IResult> AcceptAsync(Guid id, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(id, http, db, clock, accepted: true, (viewer, now) => bus.Publish(new AgencyTaskAccepted(id, viewer.UserId, now), cancellationToken), cancellationToken);

    private static Task<IResult> DeclineAsync(Guid id, DeclineTaskRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 1000, "The reason for declining");
        return errors.Any
            ? Task.FromResult<IResult>(Problems.Invalid(errors.Errors))
            : AnswerAsync(id, http, db, clock, accepted: false, (viewer, now) => bus.Publish(new AgencyTaskDeclined(id, viewer.UserId, reason!, now), cancellationToken), cancellationToken);
    }

    private static Task<IResult> CompleteAsync(Guid id, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken) =>
        ActAsync(id, http, db, async (task, viewer) =>
        {
            var completable = task.Kind == AgencyTaskKind.JointWork ? task.CurrentState == "Accepted" : OpenTasks.States.Contains(task.CurrentState);
            if (!completable)
            {
                return Problems.Conflict("Task cannot be completed", $"The task is {task.CurrentState}; joint work is completed after it was accepted.");
            }

            await bus.Publish(new AgencyTaskCompleted(id, viewer.UserId, clock.GetUtcNow()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Accepted($"/api/tasks/{id}");
        }, cancellationToken);

    private static async Task<IResult> ReassignAsync(
        Guid id, ReassignTaskRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var task = await db.Set<AgencyTaskState>().AsNoTracking().FirstOrDefaultAsync(t => t.CorrelationId == id, cancellationToken);
        if (task is null || !viewer.WorksIn(task.AgencyId))
        {
            return Problems.NotFound("Task");
        }

        if (!viewer.Manages(task.AgencyId))
        {
            return Problems.Forbidden("Only the agency's managers reassign tasks.");
        }

        var member = request.UserId is { } userId && await db.Memberships.AnyAsync(m => m.UserId == userId && m.AgencyId == task.AgencyId, cancellationToken);
        if (!member)
        {
            return Problems.Invalid("userId", "Name a member of the task's agency.");
        }

        if (!OpenTasks.States.Contains(task.CurrentState))
        {
            return Problems.Conflict("Task closed", $"The task is {task.CurrentState} and can no longer be reassigned.");
        }

        await bus.Publish(new AgencyTaskReassigned(id, request.UserId!.Value, viewer.UserId, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/tasks/{id}");
    }

    // Accept and decline: one answer per task, enforced by the answer's key even for simultaneous answers.
    private static Task<IResult> AnswerAsync(
        Guid id, HttpContext http, CoordinationDbContext db, TimeProvider clock, bool accepted, Func<CaseViewer, DateTimeOffset, Task> publish, CancellationToken cancellationToken) =>
        ActAsync(id, http, db, async (task, viewer) =>
        {
            if (task.Kind != AgencyTaskKind.JointWork)
            {
                return Problems.Conflict("Nothing to answer", $"A {task.Kind} task is done, not accepted or declined.");
            }

            if (task.CurrentState is not ("Offered" or "Claimed") || await db.Set<AgencyTaskAnswer>().AnyAsync(a => a.TaskId == id, cancellationToken))
            {
                return AlreadyAnswered();
            }

            var now = clock.GetUtcNow();
            db.Add(new AgencyTaskAnswer { TaskId = id, Accepted = accepted, UserId = viewer.UserId, AnsweredAt = now });
            await publish(viewer, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return AlreadyAnswered();
            }

            return TypedResults.Accepted($"/api/tasks/{id}");
        }, cancellationToken);

    private static async Task<IResult> ActAsync(
        Guid id, HttpContext http, CoordinationDbContext db, Func<AgencyTaskState, CaseViewer, Task<IResult>> act, CancellationToken cancellationToken)
    {
        var viewer = http.User.Viewer();
        var task = await db.Set<AgencyTaskState>().AsNoTracking().FirstOrDefaultAsync(t => t.CorrelationId == id, cancellationToken);
        return task is null || !viewer.WorksIn(task.AgencyId) ? Problems.NotFound("Task") : await act(task, viewer);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult AlreadyAnswered() =>
        Problems.Conflict("Task already answered", "The task was already accepted or declined; an answer cannot be changed.");
}
