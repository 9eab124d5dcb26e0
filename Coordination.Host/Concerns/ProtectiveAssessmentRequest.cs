namespace Coordination.Host.Concerns;

/// <summary>
/// Social services' protective assessment: whether the young person needs protection at once.
/// Nullable so that a request that does not say is refused instead of read as "no".
/// </summary>
public sealed record ProtectiveAssessmentRequest(bool? ImmediateProtectionNeeded);
