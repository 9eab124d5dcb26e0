namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the six-monthly follow-up of a venue under supervision has come due.</summary>
public sealed record SupervisionFollowUpDue(Guid CaseId);
