using Coordination.Contracts.Concerns;
using MassTransit;

namespace Coordination.Workflows.Concerns.Reviews;

/// <summary>One follow-up review of a concern's commitment plan, from scheduled to done or cancelled.</summary>
public sealed class ReviewState : SagaStateMachineInstance, ISagaVersion
{
    /// <summary>A review not yet held or cancelled: scheduled, due (reminded) or overdue (its deadline timer fired); it can be reassigned and counts as its owner's work.</summary>
    public static readonly string[] PendingStates = [nameof(ReviewStateMachine.Scheduled), nameof(ReviewStateMachine.Due), nameof(ReviewStateMachine.Overdue)];

    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid ConcernId { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>The coordinating agency (social services), whose managers track overdue reviews.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>1 for the first review after the plan, 2 for the next, and so on.</summary>
    public int Number { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset RemindAt { get; set; }

    public Guid? ReminderTokenId { get; set; }

    public Guid? DeadlineTokenId { get; set; }

    public ReviewOutcome? Outcome { get; set; }

    /// <summary>The member of the coordinating agency who is to hold the review; null until a manager assigns it.</summary>
    public Guid? OwnerUserId { get; set; }

    public Guid? CompletedByUserId { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
}
