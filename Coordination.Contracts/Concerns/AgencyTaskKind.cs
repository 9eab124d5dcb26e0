namespace Coordination.Contracts.Concerns;

/// <summary>What an agency task asks for.</summary>
public enum AgencyTaskKind
{
    /// <summary>Reception's immediate protective assessment (skyddsbedömning).</summary>
    ProtectiveAssessment = 1,

    /// <summary>Social services' feedback to the reporter (återkoppling).</summary>
    ReporterFeedback = 2,

    /// <summary>Taking part in the joint work (SSPF) on a shared concern.</summary>
    JointWork = 3,

    /// <summary>One action of the commitment plan (åtagandeplan).</summary>
    PlanAction = 4,
}
