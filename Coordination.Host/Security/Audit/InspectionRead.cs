using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// One read of a record of the inspection workflow, as its audit entry names it: the kind of
/// record (the entry's subject type, by which the audit search finds it), which one, of which
/// municipality, on which basis, what was read and which fields that holds. Names and numbers are
/// never copied into the entry, only the record's id.
/// </summary>
public sealed record InspectionRead(string SubjectType, Guid SubjectId, Guid MunicipalityId, string Basis, string What, string Fields)
{
    /// <summary>The licensing unit keeps the register, runs the rounds and the supervision.</summary>
    public const string LicensingUnit = "Licensing unit of the municipality";

    private const string VenueType = "Venue";
    private const string VisitType = "Visit";
    private const string SupervisionCaseType = "SupervisionCase";
    private const string RoundType = "InspectionRound";
    private const string TaskType = "InspectionTask";

    private const string RegisterDetails = "register details (name, licensee, organisation number, address, licence kinds, serving hours, "
        + "responsible persons, dancing, young crowd, complaints, open supervision and due dates)";

    /// <summary>The venue's register details, alone or as a row of the register.</summary>
    public static InspectionRead Venue(Venue venue, string what = "venue") =>
        new(VenueType, venue.Id, venue.MunicipalityId, LicensingUnit, what, RegisterDetails);

    public static InspectionRead VenueHistory(Venue venue) =>
        new(VenueType, venue.Id, venue.MunicipalityId, LicensingUnit, "venue history",
            "history (registration and changes with the licensee's details, visits, remarks, protocols sent, supervision steps and sanctions)");

    public static InspectionRead VenueRisk(Venue venue) =>
        new(VenueType, venue.Id, venue.MunicipalityId, LicensingUnit, "venue risk", "risk score and its factors (complaints, remarks, sanctions, supervision)");

    /// <summary>A row of the risk ranking a round is planned from.</summary>
    public static InspectionRead Ranked(Venue venue) =>
        new(VenueType, venue.Id, venue.MunicipalityId, LicensingUnit, "risk ranking", "name, risk score and its factors (complaints, remarks, sanctions, supervision)");

    public static InspectionRead VisitByLicensing(Visit visit) =>
        new(VisitType, visit.Id, visit.MunicipalityId, LicensingUnit, "visit",
            "visit (venue name, times, people present, every checklist item with its note, protocol dates, outcome)");

    public static InspectionRead VisitByParticipant(Visit visit, IReadOnlyList<AgencyKind> agencies) =>
        new(VisitType, visit.Id, visit.MunicipalityId, Participating(agencies), "visit",
            "visit (venue name, times, people present, the agency's own checklist items with their notes)");

    public static InspectionRead Protocol(Visit visit) =>
        new(VisitType, visit.Id, visit.MunicipalityId, LicensingUnit, "protocol",
            "protocol (venue and address, licensee and organisation number, round, times, people present, checklist with notes)");

    /// <summary>A supervision case, alone or as a row of the list of cases.</summary>
    public static InspectionRead SupervisionCase(SupervisionCase supervision, string what = "supervision case") =>
        new(SupervisionCaseType, supervision.Id, supervision.MunicipalityId, LicensingUnit, what,
            "supervision case (status, proposed sanction, kommunicering, the licensee's reply, decision and justification, appeal, follow-ups)");

    public static InspectionRead RoundByLicensing(InspectionRound round) =>
        new(RoundType, round.Id, round.MunicipalityId, LicensingUnit, "round",
            "round (date and evening, venues with addresses and visits, participation answers and notes)");

    public static InspectionRead RoundByParticipant(InspectionRound round, IReadOnlyList<AgencyKind> agencies) =>
        new(RoundType, round.Id, round.MunicipalityId, Participating(agencies), "round",
            "round (date and evening, venues with addresses, the agency's own checklist items and requests)");

    /// <summary>
    /// A round in the calendar (the list of rounds): when venues are visited unannounced, which is
    /// kept from them while telling would defeat the visits (OSL 17 kap. 1 §). Read by the licensing
    /// unit when <paramref name="participating"/> is empty, else by the agencies taking part.
    /// </summary>
    public static InspectionRead RoundListed(InspectionRound round, IReadOnlyList<AgencyKind> participating) =>
        new(RoundType, round.Id, round.MunicipalityId, participating.Count == 0 ? LicensingUnit : Participating(participating), "round list",
            "date, evening and status of the unannounced round, number of venues");

    /// <summary>
    /// A row of an agency's inspection tasks: its title names the venue (the licensee), its note is
    /// the answer's reason, and a round to take part in says when the unannounced visits are.
    /// </summary>
    public static InspectionRead Task(InspectionTask task) =>
        new(TaskType, task.Id, task.MunicipalityId, task.AgencyKind == AgencyKind.LicensingUnit ? LicensingUnit : Participating([task.AgencyKind]), "inspection task list",
            "kind, agency, title (naming the venue), due date, reminders and escalation, the round, venue, visit or case it is about, a proposed evening, the answer's note");

    /// <summary>"Participating police of the round", for each participating agency the reader works for.</summary>
    private static string Participating(IReadOnlyList<AgencyKind> agencies) =>
        string.Join("; ", agencies.Select(a => $"Participating {Name(a)} of the round"));

    private static string Name(AgencyKind agency) => agency switch
    {
        AgencyKind.Police => "police",
        AgencyKind.RescueService => "rescue service",
        AgencyKind.TaxAgency => "tax agency",
        _ => agency.ToString(),
    };
}
