using Coordination.Workflows.Inspections.Supervision;

namespace Coordination.Workflows.Inspections.Venues;

/// <summary>
/// One append-only line in a venue's history. Remarks and sanctions here drive the next risk
/// selection; entries about a supervision case before its decision are deliberations that only
/// the licensing unit sees.
/// </summary>
public sealed class VenueHistoryEntry
{
    public Guid Id { get; set; }

    public Guid VenueId { get; set; }

    public Guid MunicipalityId { get; set; }

    public DateTimeOffset At { get; set; }

    public VenueHistoryKind Kind { get; set; }

    /// <summary>The sanction of a <see cref="VenueHistoryKind.SanctionDecided"/> entry.</summary>
    public Sanction? Sanction { get; set; }

    public Guid? VisitId { get; set; }

    public Guid? SupervisionCaseId { get; set; }

    public required string Text { get; set; }

    public static VenueHistoryEntry For(Venue venue, DateTimeOffset at, VenueHistoryKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return new VenueHistoryEntry { Id = Guid.NewGuid(), VenueId = venue.Id, MunicipalityId = venue.MunicipalityId, At = at, Kind = kind, Text = text };
    }
}
