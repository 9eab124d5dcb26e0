using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Tasks;

namespace Coordination.Host.Concerns;

/// <summary>
/// What a user narrows their task lists to: one kind of task, one of the agencies they work in,
/// only the work overdue at <see cref="OverdueAt"/>, only the work its agency was reminded of
/// or that went to its managers (<see cref="RemindedOnly"/>), and only the work one user holds
/// (<see cref="OwnerUserId"/>, the managers' view of a colleague's work). It narrows only:
/// <see cref="TaskQueries"/> reads the user's own agencies first and applies the filter inside them.
/// </summary>
public sealed record TaskFilter(AgencyTaskKind? Kind = null, Guid? AgencyId = null, DateTimeOffset? OverdueAt = null, bool RemindedOnly = false, Guid? OwnerUserId = null)
{
    public static readonly TaskFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// Past its deadline and still waiting for the agency. An accepted joint-work task is the
    /// agency's ongoing part in the case, not an answer that is late. The managers' overdue list
    /// (<see cref="OverdueQuery"/>) reads the same rule.
    /// </summary>
    public static bool IsOverdue(AgencyTaskState task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.DueAt < now && IsWaiting(task);
    }

    /// <summary>
    /// Still waiting for the agency, so its reminders and escalation are news: an answer (joint
    /// work) or the work done (every other kind). An accepted joint-work task is no longer reminded.
    /// </summary>
    public static bool IsWaiting(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !(task.Kind == AgencyTaskKind.JointWork && task.CurrentState == "Accepted");
    }

    /// <summary>
    /// When the task stopped waiting for its agency: answered (joint work) or done (every other
    /// kind), or cancelled, whichever came first; null while it still waits. A joint-work task
    /// accepted and later cancelled with its case stopped waiting when it was accepted.
    /// </summary>
    public static DateTimeOffset? StoppedWaitingAt(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var answered = task.Kind == AgencyTaskKind.JointWork ? task.AnsweredAt : task.CompletedAt;
        return answered is { } a && task.CancelledAt is { } c ? (a < c ? a : c) : answered ?? task.CancelledAt;
    }

    /// <summary>Reminded at least once, or escalated to the agency's managers, and still waiting.</summary>
    public static bool IsReminded(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (task.Reminders > 0 || task.EscalatedAt is not null) && IsWaiting(task);
    }

    internal IQueryable<AgencyTaskState> Narrow(IQueryable<AgencyTaskState> tasks)
    {
        if (Kind is { } kind)
        {
            tasks = tasks.Where(t => t.Kind == kind);
        }

        if (AgencyId is { } agency)
        {
            tasks = tasks.Where(t => t.AgencyId == agency);
        }

        if (OwnerUserId is { } owner)
        {
            tasks = tasks.Where(t => t.OwnerUserId == owner);
        }

        return tasks;
    }

    /// <summary>
    /// Soonest deadline first; "overdue" and "reminded" are tested here, by the rules that also
    /// mark the rows. Reminders begin only near the deadline (the routing rules'
    /// <c>TaskReminderDaysBefore</c>), so the reminded and overdue tasks are the first ones anyway.
    /// </summary>
    internal IReadOnlyList<AgencyTaskState> Sorted(IEnumerable<AgencyTaskState> tasks) =>
        [.. tasks.Where(t => (OverdueAt is not { } now || IsOverdue(t, now)) && (!RemindedOnly || IsReminded(t))).OrderBy(t => t.DueAt)];
}
