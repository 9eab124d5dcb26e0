using Coordination.Contracts.Inspections;
using MassTransit;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>
/// Which inspection tasks <see cref="InspectionTaskDeadlineStateMachine"/> escalates at their due
/// time, and the messages that start and end it. Participation requests, protocols and
/// re-inspections have workflows of their own that remind and escalate them; every other kind
/// that has a due time is kept here. Whoever opens such a task calls <see cref="DeadlineSetAsync"/>
/// and whoever completes or cancels it <see cref="EndedAsync"/>, in the same transaction.
/// </summary>
public static class InspectionTaskDeadlines
{
    /// <summary>The kinds without a workflow of their own, also as the start-up repair asks the database for them.</summary>
    public static readonly IReadOnlyList<InspectionTaskKind> KeptKinds =
        [InspectionTaskKind.ReplanRound, InspectionTaskKind.DecideSupervisionCase, InspectionTaskKind.FollowUpVenue];

    public static bool IsKeptHere(InspectionTaskKind kind) => KeptKinds.Contains(kind);

    /// <summary>Starts the escalation of a task just opened, if it is kept here and has a due time.</summary>
    public static Task DeadlineSetAsync(this IPublishEndpoint publish, InspectionTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(task);
        return IsKeptHere(task.Kind) && task.DueAt is { } due
            ? publish.Publish(new InspectionTaskDeadlineSet(task.Id, due), cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Cancels the escalation of a task just done or cancelled, if it is kept here and has a due time.</summary>
    public static Task EndedAsync(this IPublishEndpoint publish, InspectionTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(task);
        return IsKeptHere(task.Kind) && task.DueAt is not null && !task.IsOpen
            ? publish.Publish(new InspectionTaskEnded(task.Id), cancellationToken)
            : Task.CompletedTask;
    }
}
