namespace Coordination.Workflows.Identity;

/// <summary>What a user may do inside one agency of one municipality.</summary>
public enum MembershipRole
{
    /// <summary>Works on their own tasks.</summary>
    Staff = 1,

    /// <summary>Sees all tasks of the agency, overdue work, reassigns.</summary>
    Manager = 2,

    /// <summary>Runs SSPF cases across agencies.</summary>
    Coordinator = 3,

    /// <summary>Manages users, routing rules and deadlines; never reads case content.</summary>
    Administrator = 4,

    /// <summary>Reads the audit log only.</summary>
    Auditor = 5,
}
