using Coordination.Workflows.Identity;

namespace Coordination.Workflows.Inspections.Rounds;

/// <summary>
/// An evening of unannounced visits (tillsynsrunda) to venues chosen by risk, joint with the
/// police and optionally the rescue service and the tax agency.
/// </summary>
public sealed class InspectionRound : Persistence.IVersionedRecord
{
    /// <summary>Raised by each saved change; two changes from the same version cannot both be saved.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>The local date of the evening.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The evening window in local time; the end may be past midnight.</summary>
    public TimeOnly EveningStart { get; set; }

    public TimeOnly EveningEnd { get; set; }

    /// <summary>The start as a UTC instant (the window is local Swedish time).</summary>
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>
    /// The most venues a round visits: far more than an evening allows, and what its column
    /// (4,000 characters, one id of 36 a line) holds.
    /// </summary>
    public const int MaxVenues = 100;

    public List<Guid> VenueIds { get; } = [];

    /// <summary>The agencies asked to take part; the police always are.</summary>
    public List<AgencyKind> Participants { get; } = [];

    public RoundStatus Status { get; set; } = RoundStatus.AwaitingPolice;

    public DateTimeOffset PlannedAt { get; set; }

    public Guid PlannedBy { get; set; }

    /// <summary>
    /// Planned with the police (the default), or without them: planned so from the start, or gone
    /// ahead without them after they declined or did not answer (<see cref="WithoutPoliceReason"/>).
    /// A round without the police is the licensing unit's own; it is not a joint round.
    /// </summary>
    public bool WithPolice { get; set; } = true;

    /// <summary>Why the round goes ahead without the police, when it was planned with them.</summary>
    public string? WithoutPoliceReason { get; set; }

    public const int WithoutPoliceReasonMaxLength = 1000;

    /// <summary>
    /// Whether a round needs the participant to go ahead as planned: the police, asked for every
    /// joint round. The rescue service and the tax agency are optional (DOMAIN.md Workflow B): the
    /// round goes ahead without them, so their decline asks for no new plan.
    /// </summary>
    public static bool Requires(AgencyKind participant) => participant == AgencyKind.Police;

    /// <summary>Whether visits may be recorded: the police accepted, or the round goes ahead without them.</summary>
    public bool GoesAhead => Status is RoundStatus.Confirmed or RoundStatus.Done;

    /// <summary>Joint with the police (samordnad tillsyn) once they accepted.</summary>
    public bool IsJoint => WithPolice && GoesAhead;
}
