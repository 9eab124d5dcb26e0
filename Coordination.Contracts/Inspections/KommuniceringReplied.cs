namespace Coordination.Contracts.Inspections;

/// <summary>The licensee replied to the communicated proposal before the decision.</summary>
public sealed record KommuniceringReplied(Guid CaseId, DateTimeOffset RepliedAt);
