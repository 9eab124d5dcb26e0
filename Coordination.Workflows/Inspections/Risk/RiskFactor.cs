namespace Coordination.Workflows.Inspections.Risk;

/// <summary>One reason a venue scored: the factor, how much of it there is, and the points it gave.</summary>
public sealed record RiskFactor(string Factor, int Weight, int Count, int Points, string Explanation);
