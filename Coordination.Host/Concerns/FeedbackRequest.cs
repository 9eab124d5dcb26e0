namespace Coordination.Host.Concerns;

/// <summary>What the reporter is told: InvestigationOpened, InvestigationNotOpened or AlreadyOngoing.</summary>
public sealed record FeedbackRequest(string? Outcome);
