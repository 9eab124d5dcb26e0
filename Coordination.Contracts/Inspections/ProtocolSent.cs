namespace Coordination.Contracts.Inspections;

/// <summary>The protocol of a visit has been sent to the licensee.</summary>
public sealed record ProtocolSent(Guid VisitId, DateTimeOffset SentAt);
