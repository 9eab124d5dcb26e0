namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the licensee's time to reply to the communicated proposal has run out.</summary>
public sealed record KommuniceringReplyDeadlinePassed(Guid CaseId);
