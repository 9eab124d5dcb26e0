using Coordination.Workflows.Inspections.Tasks;

namespace Coordination.Host.Inspections.Tasks;

/// <summary>An inspection task as the agencies' task list and the managers' overdue list show it.</summary>
internal static class InspectionTaskView
{
    public static object Of(InspectionTask t) => new
    {
        t.Id,
        kind = t.Kind.ToString(),
        agencyKind = t.AgencyKind.ToString(),
        status = t.Status.ToString(),
        t.Title,
        t.CreatedAt,
        t.DueAt,
        t.Reminders,
        t.LastRemindedAt,
        t.EscalatedAt,
        escalatedToManagers = t.EscalatedAt is not null,
        t.RoundId,
        t.VenueId,
        t.VisitId,
        t.SupervisionCaseId,
        t.ProposedStart,
        t.Note,
    };
}
