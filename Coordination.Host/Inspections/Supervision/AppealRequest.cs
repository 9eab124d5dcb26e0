namespace Coordination.Host.Inspections.Supervision;

/// <summary>An appeal received from the licensee, and when it arrived.</summary>
internal sealed record AppealRequest(DateTimeOffset? ReceivedAt, string? Text);
