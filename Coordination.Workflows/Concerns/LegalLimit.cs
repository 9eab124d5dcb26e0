namespace Coordination.Workflows.Concerns;

/// <summary>A legal assessment of a concern not yet made, and the time the law gives it.</summary>
public sealed record LegalLimit(string Assessment, DateTimeOffset DueAt)
{
    /// <summary>Skyddsbedömning: the same working day, or the next when raised late.</summary>
    public const string ProtectiveAssessment = "ProtectiveAssessment";

    /// <summary>Förhandsbedömning: the decision to open an investigation or not, within 14 days.</summary>
    public const string PreliminaryAssessment = "PreliminaryAssessment";

    /// <summary>Utredning: four months from the decision to open, unless extended.</summary>
    public const string Investigation = "Investigation";

    /// <summary>How a sentence about the assessment not made begins: "The protective assessment was".</summary>
    public static string Describe(string assessment) => assessment switch
    {
        ProtectiveAssessment => "The protective assessment was",
        PreliminaryAssessment => "The preliminary assessment's decision was",
        Investigation => "The investigation was",
        _ => $"{assessment} was",
    };
}
