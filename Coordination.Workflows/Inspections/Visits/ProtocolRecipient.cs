using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// The venue and licensee a protocol names: as the register reads while the protocol is unsent,
/// and as it read when the protocol was sent once it is (kept on the visit), so a sent protocol
/// stays the document the licensee received after the register changes (a new licensee, a
/// corrected name).
/// </summary>
public sealed record ProtocolRecipient(string VenueName, string Address, string PostalTown, string LicenseeName, string OrganisationNumber)
{
    public static ProtocolRecipient Of(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return new(venue.Name, venue.Address, venue.PostalTown, venue.LicenseeName, venue.OrganisationNumber);
    }

    /// <summary>Who the visit's protocol names: as sent, or (unsent, or sent before this was kept) as the register reads now.</summary>
    public static ProtocolRecipient For(Visit visit, Venue venue)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return visit is { SentVenueName: { } name, SentAddress: { } address, SentPostalTown: { } town, SentLicenseeName: { } licensee, SentOrganisationNumber: { } number }
            ? new(name, address, town, licensee, number)
            : Of(venue);
    }
}
