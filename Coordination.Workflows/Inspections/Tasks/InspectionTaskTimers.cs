using Coordination.Workflows.Escalation;
using Coordination.Workflows.Persistence;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>What a timer does to a task: remind the agency, or escalate to its managers.</summary>
public static class InspectionTaskTimers
{
    public static async Task RemindAsync(this CoordinationDbContext db, Guid taskId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<InspectionTask>().FindAsync(taskId) is { IsOpen: true } task)
        {
            task.Reminders++;
            task.LastRemindedAt = now;
        }
    }

    /// <summary>
    /// Marks the open task escalated to its agency's managers, once the municipality's agency of
    /// the task's kind is known to have one (<see cref="EscalationRecipients"/>). Without one the
    /// deadline fails with <see cref="NoManagerToEscalateToException"/> and rolls back: the
    /// workflow's incident, whose retry delivers the deadline again and checks again.
    /// </summary>
    public static async Task EscalateAsync(this CoordinationDbContext db, Guid taskId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<InspectionTask>().FindAsync(taskId) is { IsOpen: true } task)
        {
            var due = task.DueAt is { } at ? $", due {EscalationRecipients.Due(at)}" : string.Empty;
            await db.EnsureManagerAsync(task.MunicipalityId, task.AgencyKind, $"Inspection task {task.Id} ({task.Kind}{due})", CancellationToken.None);
            task.EscalatedAt ??= now;
        }
    }
}
