namespace Coordination.Workflows.Concerns.Plans;

/// <summary>The commitment plan (åtagandeplan) agreed at the network meeting: goals and actions.</summary>
public sealed class CommitmentPlan
{
    /// <summary>The concern's id: a concern has at most one plan.</summary>
    public Guid ConcernId { get; set; }

    /// <summary>The goals, one per line.</summary>
    public required string Goals { get; set; }

    public DateTimeOffset AgreedAt { get; set; }

    public Guid AgreedByUserId { get; set; }

    public List<PlanAction> Actions { get; } = [];
}
