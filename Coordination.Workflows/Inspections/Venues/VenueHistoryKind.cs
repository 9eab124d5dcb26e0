namespace Coordination.Workflows.Inspections.Venues;

/// <summary>What happened to a venue: the kinds of entry in its history.</summary>
public enum VenueHistoryKind
{
    Registered = 1,
    DetailsChanged = 2,
    Visited = 3,
    Remark = 4,
    ProtocolSent = 5,
    ReInspectionScheduled = 6,
    SupervisionOpened = 7,
    KommuniceringSent = 8,
    SanctionDecided = 9,
    AppealLodged = 10,
    DecisionFinal = 11,
    FollowUpDue = 12,
    SupervisionClosed = 13,

    /// <summary>Serious remarks at a later visit, added to the venue's open supervision case before its decision.</summary>
    RemarksAddedToSupervision = 14,

    /// <summary>The six-monthly follow-up of a venue under supervision was held: recorded by the officer, or by a visit while it was due.</summary>
    FollowUpHeld = 15,
}
