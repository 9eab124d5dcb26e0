namespace Coordination.Contracts.Concerns;

/// <summary>Social services made the protective assessment (skyddsbedömning) of a concern.</summary>
public sealed record ProtectiveAssessmentCompleted(Guid ConcernId, Guid CompletedByUserId, DateTimeOffset CompletedAt, bool ImmediateProtectionNeeded);
