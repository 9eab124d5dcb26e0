namespace Coordination.Host.Inspections.Visits;

/// <summary>One checklist item's finding: Ok, Remark or NotChecked, with a note (required for a remark).</summary>
internal sealed record ChecklistEntryRequest(string? Code, string? Result, string? Note);
