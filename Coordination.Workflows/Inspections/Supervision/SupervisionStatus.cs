namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>Where a supervision case stands.</summary>
public enum SupervisionStatus
{
    /// <summary>Opened after serious remarks; the proposed decision is being written.</summary>
    Opened = 1,

    /// <summary>The proposal was communicated; the licensee may reply until the deadline.</summary>
    AwaitingReply = 2,

    /// <summary>The licensee replied or the reply time ran out: the board may decide.</summary>
    AwaitingDecision = 3,

    /// <summary>Decided; the three-week appeal window is open.</summary>
    AppealWindowOpen = 4,

    /// <summary>The licensee appealed to the administrative court.</summary>
    Appealed = 5,

    /// <summary>The appeal window closed without an appeal: the decision stands.</summary>
    DecisionFinal = 6,

    /// <summary>The supervision ended; no more follow-ups.</summary>
    Closed = 7,
}
