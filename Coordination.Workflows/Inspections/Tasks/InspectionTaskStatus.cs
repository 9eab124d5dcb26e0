namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>Where an inspection task stands.</summary>
public enum InspectionTaskStatus
{
    Open = 1,
    Accepted = 2,
    Declined = 3,
    OtherTimeProposed = 4,
    Done = 5,
    Cancelled = 6,
}
