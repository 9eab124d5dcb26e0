namespace Coordination.Host.Inspections.Visits;

/// <summary>How the visit ends: NoRemarks, MinorRemarks or SeriousRemarks.</summary>
internal sealed record OutcomeRequest(string? Outcome);
