namespace Coordination.Workflows.Concerns.Access;

/// <summary>How much of a concern a user may see (DOMAIN.md, "Information sharing").</summary>
public enum ConcernAccessLevel
{
    /// <summary>Nothing, not even that the concern exists.</summary>
    None = 0,

    /// <summary>The reporter: their own report and whether an investigation was opened.</summary>
    Reporter = 1,

    /// <summary>An agency the concern is shared with under a basis in force: the minimum fields.</summary>
    Shared = 2,

    /// <summary>Social services of the concern's municipality: everything.</summary>
    Full = 3,
}
