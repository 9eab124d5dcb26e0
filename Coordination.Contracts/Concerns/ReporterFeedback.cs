namespace Coordination.Contracts.Concerns;

/// <summary>All a reporter is told about the concern they raised.</summary>
public enum ReporterFeedback
{
    /// <summary>An investigation was opened.</summary>
    InvestigationOpened = 1,

    /// <summary>No investigation was opened.</summary>
    InvestigationNotOpened = 2,

    /// <summary>An investigation was already ongoing.</summary>
    AlreadyOngoing = 3,
}
