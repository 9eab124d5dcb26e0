namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the protocol of a visit was not sent within its deadline and escalates to the licensing managers.</summary>
public sealed record ProtocolDeadlinePassed(Guid VisitId);
