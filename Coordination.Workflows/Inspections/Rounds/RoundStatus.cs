namespace Coordination.Workflows.Inspections.Rounds;

/// <summary>Where an inspection round stands.</summary>
public enum RoundStatus
{
    /// <summary>Planned; the police have not yet accepted.</summary>
    AwaitingPolice = 1,

    /// <summary>The police accepted, or the round goes ahead without them: visits may be recorded.</summary>
    Confirmed = 2,

    /// <summary>The police declined or proposed another time: the licensing officer plans it again.</summary>
    NeedsReplanning = 3,

    /// <summary>Visits were recorded.</summary>
    Done = 4,
}
