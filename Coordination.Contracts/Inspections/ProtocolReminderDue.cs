namespace Coordination.Contracts.Inspections;

/// <summary>Timer: the protocol of a visit has not been sent and its deadline is near.</summary>
public sealed record ProtocolReminderDue(Guid VisitId);
