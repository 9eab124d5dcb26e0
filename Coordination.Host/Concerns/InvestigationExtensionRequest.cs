namespace Coordination.Host.Concerns;

/// <summary>A new last day for the investigation (YYYY-MM-DD) and the special reason for it.</summary>
public sealed record InvestigationExtensionRequest(string? NewDueDate, string? Reason);
