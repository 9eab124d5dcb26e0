namespace Coordination.Host.Inspections.Supervision;

/// <summary>The board's decision: Erinran, Varning or Aterkallelse; a most serious case needs a justification.</summary>
internal sealed record DecisionRequest(string? Sanction, bool MostSeriousCase, string? Justification);
