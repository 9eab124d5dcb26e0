using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Claiming, accepting, declining, completing and reassigning an agency task: checked here,
/// then sent to the task's state machine through the outbox. The API and the web UI both act
/// through this class.
/// </summary>
public sealed class TaskCommands(CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock)
{
    /// <summary>The longest reason for declining a task.</summary>
    public const int MaxDeclineReasonLength = 1000;

    public Task<Answer<Guid>> ClaimAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        ActAsync(id, viewer, async task =>
        {
            if (task.CurrentState != "Offered")
            {
                return Refusal.Conflict("Task already taken", "Someone already has this task.");
            }

            await bus.Publish(new AgencyTaskClaimed(id, viewer.UserId, clock.GetUtcNow()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Answers.Of(id);
        }, cancellationToken);

    public Task<Answer<Guid>> AcceptAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        AnswerAsync(id, viewer, accepted: true, now => bus.Publish(new AgencyTaskAccepted(id, viewer.UserId, now), cancellationToken), cancellationToken);

    public Task<Answer<Guid>> DeclineAsync(Guid id, string? reason, CaseViewer viewer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var checkedReason = errors.Text("reason", reason, MaxDeclineReasonLength, "The reason for declining");
        return errors.Any
            ? Task.FromResult<Answer<Guid>>(Refusal.Invalid(errors.Errors))
            : AnswerAsync(id, viewer, accepted: false, now => bus.Publish(new AgencyTaskDeclined(id, viewer.UserId, checkedReason!, now), cancellationToken), cancellationToken);
    }

    public Task<Answer<Guid>> CompleteAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        ActAsync(id, viewer, async task =>
        {
            // These tasks stand for a step of the concern: they are completed by recording that
            // step, which completing the task alone would not do, leaving the concern waiting for it.
            if (IsRecordedOnTheConcern(task.Kind))
            {
                return Refusal.Conflict(
                    "Recorded on the concern",
                    task.Kind == AgencyTaskKind.ProtectiveAssessment
                        ? "Record the protective assessment on the concern (POST /api/concerns/{id}/protective-assessment); that completes this task."
                        : "Give the feedback on the concern (POST /api/concerns/{id}/feedback); that completes this task.");
            }

            var completable = task.Kind == AgencyTaskKind.JointWork ? task.CurrentState == "Accepted" : OpenTasks.States.Contains(task.CurrentState);
            if (!completable)
            {
                return Refusal.Conflict("Task cannot be completed", $"The task is {task.CurrentState}; joint work is completed after it was accepted.");
            }

            await bus.Publish(new AgencyTaskCompleted(id, viewer.UserId, clock.GetUtcNow()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Answers.Of(id);
        }, cancellationToken);

    /// <summary>Tasks completed by a step recorded on the concern, never on their own.</summary>
    public static bool IsRecordedOnTheConcern(AgencyTaskKind kind) => kind is AgencyTaskKind.ProtectiveAssessment or AgencyTaskKind.ReporterFeedback;

    public Task<Answer<Guid>> ReassignAsync(Guid id, Guid? userId, CaseViewer viewer, CancellationToken cancellationToken) =>
        ReassignAsync(id, userId, viewer, heldBy: null, cancellationToken);

    /// <summary>
    /// Gives an open task to a member of its agency who may take it. With <paramref name="heldBy"/>
    /// (handing over a member's work, <see cref="WorkHandover"/>) only while that user still holds it:
    /// a task given to someone else at the same moment stays theirs.
    /// </summary>
    public async Task<Answer<Guid>> ReassignAsync(Guid id, Guid? userId, CaseViewer viewer, Guid? heldBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var task = await db.Set<AgencyTaskState>().AsNoTracking().FirstOrDefaultAsync(t => t.CorrelationId == id, cancellationToken);
        if (task is null || !viewer.WorksIn(task.AgencyId))
        {
            return Refusal.NotFound("Task");
        }

        if (!viewer.Manages(task.AgencyId))
        {
            return Refusal.Forbidden("Only the agency's managers reassign tasks.");
        }

        if (await SharingEndedAsync(task, viewer, cancellationToken) is { } ended)
        {
            return ended;
        }

        var member = userId is { } user && await AgencyDirectory.CaseMemberships(db, task.AgencyId).AnyAsync(m => m.UserId == user, cancellationToken);
        if (!member)
        {
            return Refusal.Invalid("userId", "Name a member of the task's agency who works on cases (staff, manager or coordinator), whose account is not disabled.");
        }

        if (!OpenTasks.States.Contains(task.CurrentState))
        {
            return Refusal.Conflict("Task closed", $"The task is {task.CurrentState} and can no longer be reassigned.");
        }

        if (heldBy is { } holder && task.OwnerUserId != holder)
        {
            return WorkHandover.NoLongerHeld("task");
        }

        await bus.Publish(new AgencyTaskReassigned(id, userId!.Value, viewer.UserId, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Answers.Of(id);
    }

    // Accept and decline: one answer per task, enforced by the answer's key even for simultaneous answers.
    private Task<Answer<Guid>> AnswerAsync(Guid id, CaseViewer viewer, bool accepted, Func<DateTimeOffset, Task> publish, CancellationToken cancellationToken) =>
        ActAsync(id, viewer, async task =>
        {
            if (task.Kind != AgencyTaskKind.JointWork)
            {
                return Refusal.Conflict("Nothing to answer", $"A {task.Kind} task is done, not accepted or declined.");
            }

            if (task.CurrentState is not ("Offered" or "Claimed") || await db.Set<AgencyTaskAnswer>().AnyAsync(a => a.TaskId == id, cancellationToken))
            {
                return AlreadyAnswered();
            }

            var now = clock.GetUtcNow();
            db.Add(new AgencyTaskAnswer { TaskId = id, Accepted = accepted, UserId = viewer.UserId, AnsweredAt = now });
            await publish(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return AlreadyAnswered();
            }

            return Answers.Of(id);
        }, cancellationToken);

    private async Task<Answer<Guid>> ActAsync(Guid id, CaseViewer viewer, Func<AgencyTaskState, Task<Answer<Guid>>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var task = await db.Set<AgencyTaskState>().AsNoTracking().FirstOrDefaultAsync(t => t.CorrelationId == id, cancellationToken);
        if (task is null || !viewer.WorksIn(task.AgencyId))
        {
            return Refusal.NotFound("Task");
        }

        if (!viewer.MayWorkOn(task.AgencyId, task.OwnerUserId))
        {
            return Refusal.Forbidden("This task is another member's: staff work on their own tasks and on those nobody has taken; the agency's managers and coordinators on all of them.");
        }

        return await SharingEndedAsync(task, viewer, cancellationToken) ?? await act(task);
    }

    /// <summary>
    /// Another agency acts on a concern's task only while a legal basis in force names it. Withdrawing
    /// the basis cancels its open tasks through the task's workflow, a message later; until that
    /// message is consumed (longer while the broker is down) the task must not be worked on.
    /// </summary>
    private async Task<Refusal?> SharingEndedAsync(AgencyTaskState task, CaseViewer viewer, CancellationToken cancellationToken)
    {
        var file = await CaseFile.LoadAsync(db, task.ConcernId, viewer, clock, cancellationToken);
        var shared = file is not null
            && (file.Access == ConcernAccessLevel.Full || ConcernAccess.SharesWithAt(file.Bases, task.AgencyId, file.At));
        return shared
            ? null
            : Refusal.Conflict(
                "Sharing ended",
                "The legal basis for sharing this concern with your agency is no longer in force: the task is withdrawn and can no longer be acted on.");
    }

    private static Refusal AlreadyAnswered() =>
        Refusal.Conflict("Task already answered", "The task was already accepted or declined; an answer cannot be changed.");
}
