namespace Coordination.Host.Inspections.Rounds;

/// <summary>A new date and evening window for a round the police declined or wanted at another time.</summary>
internal sealed record ReplanRoundRequest(string? Date, string? EveningStart, string? EveningEnd);
