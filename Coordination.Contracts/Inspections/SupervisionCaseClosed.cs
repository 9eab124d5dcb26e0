namespace Coordination.Contracts.Inspections;

/// <summary>The licensing unit ended the supervision of a venue, which stops its follow-ups.</summary>
public sealed record SupervisionCaseClosed(Guid CaseId);
