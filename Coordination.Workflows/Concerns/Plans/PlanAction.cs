namespace Coordination.Workflows.Concerns.Plans;

/// <summary>One action of a commitment plan: what, which agency, who, by when; it is that agency's task.</summary>
public sealed class PlanAction
{
    public Guid Id { get; set; }

    public Guid ConcernId { get; set; }

    public required string What { get; set; }

    public Guid AgencyId { get; set; }

    public Guid? OwnerUserId { get; set; }

    public DateOnly ByDate { get; set; }

    /// <summary>The agency task the action became.</summary>
    public Guid TaskId { get; set; }
}
