namespace Coordination.Contracts.Inspections;

/// <summary>The licensee appealed the decision of a supervision case within the appeal window.</summary>
public sealed record AppealLodged(Guid CaseId, DateTimeOffset LodgedAt);
