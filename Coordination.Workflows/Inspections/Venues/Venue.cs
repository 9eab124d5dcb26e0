namespace Coordination.Workflows.Inspections.Venues;

/// <summary>
/// A licensed venue (serveringsställe or point of sale) in the municipality's register: who
/// holds the licence, where the premises are, what they may sell and when. What happened to it
/// over the years is in <see cref="VenueHistoryEntry"/>.
/// </summary>
public sealed class Venue
{
    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>
    /// Raised by every change of the register details. A change made on an older version is
    /// refused, so two officers editing the same venue never silently overwrite each other.
    /// </summary>
    public int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>The licensee (tillståndshavare).</summary>
    public required string LicenseeName { get; set; }

    /// <summary>The licensee's organisationsnummer in its canonical form, see <see cref="OrganisationNumber"/>.</summary>
    public required string OrganisationNumber { get; set; }

    public required string Address { get; set; }

    public required string PostalTown { get; set; }

    public List<LicenceKind> LicenceKinds { get; } = [];

    /// <summary>Serving hours (serveringstid): from, and until (past midnight when earlier than from).</summary>
    public TimeOnly? ServingFrom { get; set; }

    public TimeOnly? ServingUntil { get; set; }

    /// <summary>Registered responsible persons (serveringsansvariga), by name.</summary>
    public List<string> ResponsiblePersons { get; } = [];

    /// <summary>Dancing at the venue: a risk factor.</summary>
    public bool HasDancing { get; set; }

    /// <summary>A young crowd (18–25) frequents the venue: a risk factor.</summary>
    public bool HasYoungCrowd { get; set; }

    /// <summary>Complaints received about the venue (from neighbours, police reports).</summary>
    public int Complaints { get; set; }

    /// <summary>Set while a supervision case is open; cleared when it closes.</summary>
    public Guid? OpenSupervisionCaseId { get; set; }

    /// <summary>When the last six-monthly follow-up of the supervision came due; prioritises the venue's next visit.</summary>
    public DateTimeOffset? FollowUpDueAt { get; set; }

    /// <summary>When a re-inspection is due, after minor remarks or a sanction.</summary>
    public DateTimeOffset? ReInspectionDueAt { get; set; }

    public DateTimeOffset? LastVisitedAt { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
