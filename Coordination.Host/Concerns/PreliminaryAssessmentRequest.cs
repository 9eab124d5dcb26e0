namespace Coordination.Host.Concerns;

/// <summary>The preliminary-assessment decision: Opened, NotOpened or AlreadyOngoing.</summary>
public sealed record PreliminaryAssessmentRequest(string? Decision);
