using System.Globalization;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Rounds;

/// <summary>A round as the licensing unit sees it, and as a participating agency sees it.</summary>
internal static class RoundViews
{
    public static async Task<object> ForLicensingAsync(InspectionRound round, CoordinationDbContext db)
    {
        var venues = await VenuesAsync(round, db);
        var tasks = await db.Set<InspectionTask>().AsNoTracking().Where(t => t.RoundId == round.Id).ToListAsync();
        var visits = await db.Set<Visit>().AsNoTracking().Where(v => v.RoundId == round.Id).Select(v => new { v.Id, v.VenueId }).ToListAsync();
        return new
        {
            round.Id,
            round.MunicipalityId,
            date = round.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            eveningStart = round.EveningStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            eveningEnd = round.EveningEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
            round.StartsAt,
            status = round.Status.ToString(),
            round.GoesAhead,
            round.IsJoint,
            round.WithPolice,
            round.WithoutPoliceReason,
            participants = round.Participants.Select(p => p.ToString()).ToList(),
            venues = venues.Select(v => new { v.Id, v.Name, v.Address, v.PostalTown, visitId = visits.FirstOrDefault(x => x.VenueId == v.Id)?.Id }).ToList(),
            participation = tasks.Where(t => t.Kind == InspectionTaskKind.TakePartInRound).OrderBy(t => t.CreatedAt).Select(t => new
            {
                taskId = t.Id,
                agencyKind = t.AgencyKind.ToString(),
                status = t.Status.ToString(),
                t.DueAt,
                t.Reminders,
                t.EscalatedAt,
                t.ProposedStart,
                t.Note,
            }).ToList(),
        };
    }

    /// <summary>What a participant needs to take part: when, where, and its own checklist items; nothing of the licensing unit's deliberations.</summary>
    public static async Task<object> ForParticipantAsync(InspectionRound round, IReadOnlyList<AgencyKind> agencies, CoordinationDbContext db)
    {
        var venues = await VenuesAsync(round, db);
        var tasks = await db.Set<InspectionTask>().AsNoTracking()
            .Where(t => t.RoundId == round.Id && t.Kind == InspectionTaskKind.TakePartInRound)
            .ToListAsync();
        return new
        {
            round.Id,
            date = round.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            eveningStart = round.EveningStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            eveningEnd = round.EveningEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
            round.StartsAt,
            status = round.Status.ToString(),
            round.GoesAhead,
            venues = venues.Select(v => new
            {
                v.Id,
                v.Name,
                v.Address,
                v.PostalTown,
                checklist = Checklists.For(v.LicenceKinds).Where(i => agencies.Contains(i.CheckedBy)).Select(i => new { i.Code, i.Text }).ToList(),
            }).ToList(),
            myRequests = tasks.Where(t => agencies.Contains(t.AgencyKind)).OrderBy(t => t.CreatedAt).Select(t => new
            {
                taskId = t.Id,
                agencyKind = t.AgencyKind.ToString(),
                status = t.Status.ToString(),
                t.DueAt,
            }).ToList(),
        };
    }

    private static async Task<List<Venue>> VenuesAsync(InspectionRound round, CoordinationDbContext db)
    {
        var ids = round.VenueIds.ToList();
        var venues = await db.Set<Venue>().AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync();
        // In the round's order; a venue no longer in the register is left out rather than failing the whole round.
        return ids.Select(id => venues.Find(v => v.Id == id)).OfType<Venue>().ToList();
    }
}
