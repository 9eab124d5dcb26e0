namespace Coordination.Workflows.Concerns;

/// <summary>How urgent the reporter judges the concern; the protective assessment is due the same day in every case.</summary>
public enum ConcernUrgency
{
    /// <summary>No sign of immediate danger.</summary>
    Normal = 1,

    /// <summary>The young person may need protection soon.</summary>
    Urgent = 2,

    /// <summary>The young person may be in danger now.</summary>
    Acute = 3,
}
