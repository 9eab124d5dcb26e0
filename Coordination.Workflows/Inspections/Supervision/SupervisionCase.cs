namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>
/// A supervision case (tillsynsärende) after serious remarks: the licensing unit's proposal is
/// communicated to the licensee (kommunicering), the board decides a sanction on the step
/// ladder, and the decision may be appealed within three weeks. Its deliberations are never
/// shown to the police before the decision.
/// </summary>
public sealed class SupervisionCase : Persistence.IVersionedRecord
{
    /// <summary>Raised by each saved change; two changes from the same version cannot both be saved.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    public Guid VenueId { get; set; }

    public Guid VisitId { get; set; }

    public SupervisionStatus Status { get; set; } = SupervisionStatus.Opened;

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The sanction proposed in the kommunicering.</summary>
    public Sanction? ProposedSanction { get; set; }

    public string? KommuniceringText { get; set; }

    public DateTimeOffset? KommuniceringSentAt { get; set; }

    public DateTimeOffset? ReplyDueAt { get; set; }

    public string? Reply { get; set; }

    /// <summary>The proposals communicated before <see cref="ProposedSanction"/> and replaced by harsher ones, with their replies.</summary>
    public List<ReplacedProposal> ReplacedProposals { get; set; } = [];

    /// <summary>When the reply was received from the licensee: what counts against <see cref="ReplyDueAt"/>.</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>When an official entered the reply in the service: later than <see cref="RepliedAt"/> for one entered after it arrived.</summary>
    public DateTimeOffset? ReplyEnteredAt { get; set; }

    public Sanction? Decision { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>An återkallelse without an earlier varning, allowed only in the most serious cases.</summary>
    public bool MostSeriousCase { get; set; }

    public string? Justification { get; set; }

    public DateTimeOffset? AppealEndsAt { get; set; }

    /// <summary>When the appeal was received from the licensee: what counts against <see cref="AppealEndsAt"/>.</summary>
    public DateTimeOffset? AppealLodgedAt { get; set; }

    /// <summary>When an official entered the appeal in the service; null for appeals entered before this was kept (migration 20261208090000).</summary>
    public DateTimeOffset? AppealEnteredAt { get; set; }

    public DateTimeOffset? NextFollowUpAt { get; set; }

    /// <summary>When the supervision ended; retention (gallring) is counted from here.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
