namespace Coordination.Workflows.Inspections.Visits;

/// <summary>The finding for one checklist item at one visit, with the inspector's note.</summary>
public sealed class ChecklistEntry
{
    public Guid Id { get; set; }

    public Guid VisitId { get; set; }

    /// <summary>A <see cref="ChecklistItem.Code"/>.</summary>
    public required string Code { get; set; }

    public ChecklistResult Result { get; set; }

    public string? Note { get; set; }
}
