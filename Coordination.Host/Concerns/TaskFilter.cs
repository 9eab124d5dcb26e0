using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Tasks;

namespace Coordination.Host.Concerns;

/// <summary>
/// What a user narrows their task lists to: one kind of task, one of the agencies they work in,
/// and only the work overdue at <see cref="OverdueAt"/>. It narrows only: <see cref="TaskQueries"/>
/// reads the user's own agencies first and applies the filter inside them.
/// </summary>
public sealed record TaskFilter(AgencyTaskKind? Kind = null, Guid? AgencyId = null, DateTimeOffset? OverdueAt = null)
{
    public static readonly TaskFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// Past its deadline and still waiting for the agency. An accepted joint-work task is the
    /// agency's ongoing part in the case, not an answer that is late.
    /// </summary>
    public static bool IsOverdue(AgencyTaskState task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.DueAt < now && !(task.Kind == AgencyTaskKind.JointWork && task.CurrentState == "Accepted");
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

        return tasks;
    }

    /// <summary>Soonest deadline first; "overdue" is tested here, by the one rule that also marks the rows.</summary>
    internal IReadOnlyList<AgencyTaskState> Sorted(IEnumerable<AgencyTaskState> tasks) =>
        [.. tasks.Where(t => OverdueAt is not { } now || IsOverdue(t, now)).OrderBy(t => t.DueAt)];
}
