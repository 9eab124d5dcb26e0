namespace Coordination.Workflows.Inspections.Visits;

/// <summary>How a visit ends: what the licensing unit does next.</summary>
public enum VisitOutcome
{
    /// <summary>No remarks: the visit is closed.</summary>
    NoRemarks = 1,

    /// <summary>Minor faults: a re-inspection is scheduled.</summary>
    MinorRemarks = 2,

    /// <summary>Serious faults: a supervision case (tillsynsärende) is opened.</summary>
    SeriousRemarks = 3,
}
