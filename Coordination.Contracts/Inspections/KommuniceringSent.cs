namespace Coordination.Contracts.Inspections;

/// <summary>The proposed decision was communicated to the licensee (kommunicering, förvaltningslagen 25 §), who may reply by a deadline.</summary>
public sealed record KommuniceringSent(Guid CaseId, DateTimeOffset ReplyDueAt);
