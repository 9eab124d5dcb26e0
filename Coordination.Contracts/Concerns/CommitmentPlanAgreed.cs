namespace Coordination.Contracts.Concerns;

/// <summary>The network meeting agreed a commitment plan (åtagandeplan) whose actions became agency tasks.</summary>
public sealed record CommitmentPlanAgreed(Guid ConcernId, DateTimeOffset AgreedAt, int ActionCount);
