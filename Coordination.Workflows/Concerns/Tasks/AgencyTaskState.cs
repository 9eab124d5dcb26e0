using Coordination.Contracts.Concerns;
using MassTransit;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>A task of one agency on one concern, from the agency's queue to done, declined or cancelled.</summary>
public sealed class AgencyTaskState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid ConcernId { get; set; }

    public Guid MunicipalityId { get; set; }

    public Guid AgencyId { get; set; }

    public AgencyTaskKind Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public DateTimeOffset OfferedAt { get; set; }

    /// <summary>When the task must be answered (joint work) or done (every other kind).</summary>
    public DateTimeOffset DueAt { get; set; }

    public TimeSpan ReminderInterval { get; set; }

    public TimeSpan EscalationAfterDue { get; set; }

    /// <summary>Cancelled when its agency loses access to the concern.</summary>
    public bool EndsWithSharing { get; set; }

    /// <summary>The member of the agency who has the task; null while it waits in the queue.</summary>
    public Guid? OwnerUserId { get; set; }

    public string? DeclineReason { get; set; }

    public int Reminders { get; set; }

    /// <summary>
    /// No reminder before this instant: the offer's lead before the deadline. Null for a task
    /// offered without a lead (before the lead existed) until its timer first fires, which then
    /// sets it from the municipality's routing rules.
    /// </summary>
    public DateTimeOffset? RemindFrom { get; set; }

    /// <summary>When the agency was last reminded; null before the first reminder, and for tasks reminded before it was kept.</summary>
    public DateTimeOffset? LastRemindedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The instant the pending timer stands for: a reminder, or the escalation.</summary>
    public DateTimeOffset? NextTimerAt { get; set; }

    public Guid? TimerTokenId { get; set; }

    public DateTimeOffset EscalatesAt => DueAt + EscalationAfterDue;
}
