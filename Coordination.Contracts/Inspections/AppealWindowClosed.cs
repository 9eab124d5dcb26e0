namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the three weeks to appeal a supervision decision have run out.</summary>
public sealed record AppealWindowClosed(Guid CaseId);
