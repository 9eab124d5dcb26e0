namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>The work an inspection gives an agency.</summary>
public enum InspectionTaskKind
{
    /// <summary>Police (or rescue service, tax agency): accept, decline or propose another time for a round.</summary>
    TakePartInRound = 1,

    /// <summary>Licensing officer: a participant declined or proposed another time; plan the round again.</summary>
    ReplanRound = 2,

    /// <summary>Licensing officer: write and send the visit's protocol to the licensee.</summary>
    SendProtocol = 3,

    /// <summary>Licensing officer: the reply time after kommunicering is over; prepare the board's decision.</summary>
    DecideSupervisionCase = 4,

    /// <summary>Licensing officer: visit the venue again after minor remarks or a sanction.</summary>
    ReInspectVenue = 5,

    /// <summary>Licensing officer: the six-monthly follow-up of a venue under supervision.</summary>
    FollowUpVenue = 6,
}
