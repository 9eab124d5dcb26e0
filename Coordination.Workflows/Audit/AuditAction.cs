namespace Coordination.Workflows.Audit;

/// <summary>What an audit entry records (DOMAIN.md, "Information sharing"; issue 7).</summary>
public enum AuditAction
{
    /// <summary>
    /// Personal data was shown to a user: a concern, its chronology, a task about a young person;
    /// a venue of the register (the licensee), a visit or its protocol, a round, a supervision case.
    /// </summary>
    PersonalDataRead = 1,

    /// <summary>A concern was disclosed to another agency under a recorded legal basis.</summary>
    Disclosure = 2,

    /// <summary>A consent or another legal basis was recorded.</summary>
    LegalBasisRecorded = 3,

    /// <summary>A consent or another legal basis was withdrawn.</summary>
    LegalBasisWithdrawn = 4,

    /// <summary>A user signed in (cookie or bearer token).</summary>
    SignInSucceeded = 5,

    /// <summary>
    /// A sign-in was refused: wrong password, unknown user, or a locked account; or a signed-in
    /// user's current password was wrong when changing it, which counts towards the lockout alike.
    /// </summary>
    SignInFailed = 6,

    /// <summary>A user signed out.</summary>
    SignedOut = 7,

    /// <summary>A municipality's routing rules were changed.</summary>
    RoutingRulesChanged = 8,

    /// <summary>A municipality's settings were changed.</summary>
    SettingsChanged = 9,

    /// <summary>A user or one of their memberships was created, changed or removed.</summary>
    UserChanged = 10,

    /// <summary>Retention (gallring) erased a record past its retention period.</summary>
    RetentionErased = 11,

    /// <summary>An auditor exported part of the audit log.</summary>
    AuditExported = 12,

    /// <summary>An administrator ended the lockout of a user's account.</summary>
    AccountUnlocked = 13,

    /// <summary>A user changed their own password; the entry never holds a password.</summary>
    PasswordChanged = 14,

    /// <summary>
    /// A manager handed all open work one member held in an agency to another member in one step:
    /// whose work, to whom, how many items moved and which could not (each item's own change is in
    /// its case's chronology).
    /// </summary>
    WorkHandedOver = 15,

    /// <summary>
    /// Social services marked a young person's identity as protected (skyddad identitet) on a
    /// concern: from then on the agencies it is shared with see neither the name nor the school.
    /// </summary>
    ProtectedIdentityMarked = 16,
}
