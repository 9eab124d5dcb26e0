namespace Coordination.Workflows.Audit;

/// <summary>
/// One row of the append-only audit log: who did what, when, to which record, on which basis.
/// Entries are chained: <see cref="Hash"/> covers the content and <see cref="PreviousHash"/>
/// (docs/adr/0011-hash-chained-audit-log.md). Rows are never updated or deleted by the service.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1, 2, 3 … without gaps; the primary key.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in user, or null for an unknown user (a failed sign-in) or the service itself.</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>How the actor is named: e-mail address, or "system:retention" and the like.</summary>
    public string Actor { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>The kind of record: Concern, Venue, Visit, User, RoutingRules, AuditLog …</summary>
    public string SubjectType { get; set; } = "";

    /// <summary>The record's id; never a personnummer or a name.</summary>
    public string SubjectId { get; set; } = "";

    /// <summary>The municipality whose data it is, when there is one.</summary>
    public Guid? MunicipalityId { get; set; }

    /// <summary>Why the access or disclosure was allowed: the access level and the legal basis.</summary>
    public string Basis { get; set; } = "";

    /// <summary>What else an auditor needs (which fields, which agencies); never case content.</summary>
    public string Detail { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
