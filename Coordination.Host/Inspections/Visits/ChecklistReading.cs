using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;

namespace Coordination.Host.Inspections.Visits;

/// <summary>Reads a visit's checklist: every code must be an item of the venue's licence kinds, once.</summary>
internal static class ChecklistReading
{
    public static List<ChecklistEntry> Read(IReadOnlyList<ChecklistEntryRequest>? items, Venue? venue, ValidationErrors errors)
    {
        var entries = new List<ChecklistEntry>();
        if (items is not { Count: > 0 })
        {
            errors.Add("items", "The checklist has at least one item.");
            return entries;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"items[{i}]";
            var request = items[i];
            if (request is null)
            {
                errors.Add(field, "Each item of the checklist is an object with code and result.");
                continue;
            }

            if (!Checklists.TryFind(request.Code, out var item))
            {
                errors.Add($"{field}.code", $"'{request.Code}' is not a checklist item. GET /api/inspections/checklists lists them.");
                continue;
            }

            if (venue is not null && !venue.LicenceKinds.Contains(item!.LicenceKind))
            {
                errors.Add($"{field}.code", $"'{item.Code}' is on the {item.LicenceKind} checklist, which this venue has no licence for.");
                continue;
            }

            if (!seen.Add(item!.Code))
            {
                errors.Add($"{field}.code", $"'{item.Code}' is listed twice.");
                continue;
            }

            if (errors.Enum<ChecklistResult>($"{field}.result", request.Result) is not { } result)
            {
                continue;
            }

            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            if (!errors.MaxLength($"{field}.note", note, TextLimits.ChecklistNote))
            {
                continue;
            }

            if (result == ChecklistResult.Remark && note is null)
            {
                errors.Add($"{field}.note", "A remark needs a note saying what was wrong.");
                continue;
            }

            entries.Add(new ChecklistEntry { Id = Guid.NewGuid(), Code = item.Code, Result = result, Note = note });
        }

        return entries;
    }
}
