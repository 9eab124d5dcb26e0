namespace Coordination.Contracts.Concerns;

/// <summary>What a follow-up review decided.</summary>
public enum ReviewOutcome
{
    /// <summary>The plan continues and the next review is scheduled.</summary>
    Continue = 1,

    /// <summary>The follow-up ends.</summary>
    Close = 2,
}
