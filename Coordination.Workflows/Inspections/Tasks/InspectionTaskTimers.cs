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

    public static async Task EscalateAsync(this CoordinationDbContext db, Guid taskId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<InspectionTask>().FindAsync(taskId) is { IsOpen: true } task)
        {
            task.EscalatedAt ??= now;
        }
    }
}
