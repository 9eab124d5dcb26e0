namespace Coordination.Host.Inspections.Tasks;

/// <summary>
/// The page an inspection task opens: its round, or for the licensing unit its supervision case
/// or its venue's history (other agencies see neither). <see cref="Name"/> names the link text.
/// </summary>
internal sealed record InspectionTaskLink(string Page, Guid Id, string Name)
{
    public static InspectionTaskLink? For(Guid? roundId, Guid? supervisionCaseId, Guid? venueId, bool licensing) =>
        roundId is { } round && round != Guid.Empty ? new("/Inspections/Round", round, "Task.OpenRound")
        : !licensing ? null
        : supervisionCaseId is { } supervision && supervision != Guid.Empty ? new("/Inspections/Case", supervision, "Task.OpenCase")
        : venueId is { } venue && venue != Guid.Empty ? new("/Inspections/VenueHistory", venue, "Task.OpenVenue")
        : null;
}
