namespace Coordination.Workflows.Concerns.Chronology;

/// <summary>Who besides social services may read an entry of a case's chronology.</summary>
public enum CaseEventAudience
{
    /// <summary>Social services only: assessments, decisions, consent records.</summary>
    SocialServices = 1,

    /// <summary>Every agency the concern was shared with while the sharing was in force.</summary>
    SharedAgencies = 2,

    /// <summary>The one agency the entry is about (its own task), besides social services.</summary>
    Agency = 3,

    /// <summary>Also the reporter: the raising of the concern and the feedback.</summary>
    Reporter = 4,
}
