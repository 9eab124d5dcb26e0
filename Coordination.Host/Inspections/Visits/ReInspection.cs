using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;

namespace Coordination.Host.Inspections.Visits;

/// <summary>Schedules a venue's re-inspection: a due date on the venue, a task for the officer, a history line.</summary>
internal static class ReInspection
{
    public static void Schedule(CoordinationDbContext db, Venue venue, DateTimeOffset now, InspectionSettings settings, Guid? visitId, string reason)
    {
        var due = now.AddDays(settings.ReInspectionDays);
        venue.ReInspectionDueAt = due;
        var task = InspectionTask.Create(venue.MunicipalityId, AgencyKind.LicensingUnit, InspectionTaskKind.ReInspectVenue, $"Re-inspect {venue.Name}", now, due);
        task.VenueId = venue.Id;
        task.VisitId = visitId;
        db.Add(task);
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.ReInspectionScheduled, $"{reason}: re-inspection due by {due:yyyy-MM-dd}.");
        entry.VisitId = visitId;
        db.Add(entry);
    }
}
