namespace Coordination.Host.Concerns;

/// <summary>How the investigation ended: MeasuresDecided or NoMeasures.</summary>
public sealed record InvestigationCompletionRequest(string? Conclusion);
