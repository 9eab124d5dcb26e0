namespace Coordination.Contracts.Concerns;

/// <summary>What social services concluded when the investigation was finished.</summary>
public enum InvestigationConclusion
{
    /// <summary>Support or measures were decided (insats beviljad).</summary>
    MeasuresDecided = 1,

    /// <summary>The investigation ended without measures.</summary>
    NoMeasures = 2,
}
