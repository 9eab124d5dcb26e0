namespace Coordination.Workflows.Inspections.Visits;

/// <summary>What the inspectors found for one checklist item.</summary>
public enum ChecklistResult
{
    Ok = 1,
    Remark = 2,
    NotChecked = 3,
}
