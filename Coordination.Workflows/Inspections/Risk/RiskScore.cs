namespace Coordination.Workflows.Inspections.Risk;

/// <summary>A venue's risk score with the factors that made it, highest first.</summary>
public sealed record RiskScore(Guid VenueId, string VenueName, int Score, IReadOnlyList<RiskFactor> Factors);
