namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// An unannounced visit to one venue during a round: the checklist, who was there, the
/// protocol sent to the licensee, and the outcome that decides what happens next.
/// </summary>
public sealed class Visit : Persistence.IVersionedRecord
{
    /// <summary>Raised by each saved change; two changes from the same version cannot both be saved.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public Guid VenueId { get; set; }

    public Guid MunicipalityId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    /// <summary>The inspectors present, by name and agency.</summary>
    public List<string> ParticipantsPresent { get; } = [];

    public List<ChecklistEntry> Entries { get; } = [];

    public DateTimeOffset ProtocolDueAt { get; set; }

    public DateTimeOffset? ProtocolSentAt { get; set; }

    /// <summary>The venue's name as the protocol sent named it; see <see cref="ProtocolRecipient"/>. Null until sent (and for protocols sent before it was kept).</summary>
    public string? SentVenueName { get; set; }

    public string? SentAddress { get; set; }

    public string? SentPostalTown { get; set; }

    public string? SentLicenseeName { get; set; }

    public string? SentOrganisationNumber { get; set; }

    public Guid ProtocolTaskId { get; set; }

    public VisitOutcome? Outcome { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid RecordedBy { get; set; }

    public int RemarkCount => Entries.Count(e => e.Result == ChecklistResult.Remark);

    /// <summary>The protocol was sent: when, and to whom, as the register read then.</summary>
    public void MarkProtocolSent(DateTimeOffset at, ProtocolRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ProtocolSentAt = at;
        (SentVenueName, SentAddress, SentPostalTown, SentLicenseeName, SentOrganisationNumber) =
            (recipient.VenueName, recipient.Address, recipient.PostalTown, recipient.LicenseeName, recipient.OrganisationNumber);
    }
}
