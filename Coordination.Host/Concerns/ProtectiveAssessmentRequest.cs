namespace Coordination.Host.Concerns;

/// <summary>Social services' protective assessment: whether the young person needs protection at once.</summary>
public sealed record ProtectiveAssessmentRequest(bool ImmediateProtectionNeeded);
