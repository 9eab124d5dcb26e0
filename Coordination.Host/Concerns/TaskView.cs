using Coordination.Workflows.Concerns.Tasks;

namespace Coordination.Host.Concerns;

/// <summary>An agency task as its agency sees it: no personal details, only what to do and by when.</summary>
internal static class TaskView
{
    public static object Of(AgencyTaskState t) => new
    {
        id = t.CorrelationId,
        concernId = t.ConcernId,
        municipalityId = t.MunicipalityId,
        agencyId = t.AgencyId,
        kind = t.Kind.ToString(),
        title = t.Title,
        state = t.CurrentState,
        offeredAt = t.OfferedAt,
        dueAt = t.DueAt,
        ownerUserId = t.OwnerUserId,
        reminders = t.Reminders,
        lastRemindedAt = t.LastRemindedAt,
        escalatedAt = t.EscalatedAt,
        declineReason = t.DeclineReason,
        completedAt = t.CompletedAt,
        cancelledAt = t.CancelledAt,
        cancelReason = t.CancelReason,
    };
}
