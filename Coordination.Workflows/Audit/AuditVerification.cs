namespace Coordination.Workflows.Audit;

/// <summary>The result of walking the chain: how many entries hold, and the first broken link if any.</summary>
/// <param name="Entries">Entries checked, in sequence order.</param>
/// <param name="Intact">Whether every link holds.</param>
/// <param name="BrokenAt">The sequence number where the chain first breaks.</param>
/// <param name="Reason">What is wrong there, in plain words.</param>
/// <param name="HeadSequence">The last entry's sequence; record it elsewhere to detect a cut-off tail.</param>
/// <param name="HeadHash">The last entry's hash.</param>
public sealed record AuditVerification(long Entries, bool Intact, long? BrokenAt, string? Reason, long HeadSequence, string HeadHash);
