namespace Coordination.Contracts.Concerns;

/// <summary>The outcome of a preliminary assessment (förhandsbedömning).</summary>
public enum PreliminaryDecision
{
    /// <summary>An investigation was opened.</summary>
    Opened = 1,

    /// <summary>No investigation was opened.</summary>
    NotOpened = 2,

    /// <summary>An investigation of the young person was already ongoing.</summary>
    AlreadyOngoing = 3,
}
