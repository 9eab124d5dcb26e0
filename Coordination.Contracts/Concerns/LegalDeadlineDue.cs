namespace Coordination.Contracts.Concerns;

/// <summary>The concern's timer: the next legal limit of an assessment not yet made has come.</summary>
public sealed record LegalDeadlineDue(Guid ConcernId);
