using System.Globalization;
using System.Security.Claims;
using Coordination.Host.Pages.Inspections;
using Coordination.Host.Security.Audit;
using Coordination.Contracts.Inspections;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Inspections.Visits;

/// <summary>The protocol of a visit: read as a printable page, and marked as sent to the licensee.</summary>
internal static class ProtocolEndpoints
{
    public static async Task<IResult> ViewAsync(
        Guid id, ClaimsPrincipal user, CoordinationDbContext db, IStringLocalizer<InspectionsResource> text, InspectionReadAudit audit)
    {
        var visit = await db.Set<Visit>().AsNoTracking().Include(v => v.Entries).FirstOrDefaultAsync(v => v.Id == id);
        if (visit is null || !user.IsLicensing(visit.MunicipalityId))
        {
            return InspectionProblems.NotFound("Visit");
        }

        await audit.ReadAsync(InspectionRead.Protocol(visit));
        var venue = await db.Set<Venue>().AsNoTracking().FirstAsync(v => v.Id == visit.VenueId);
        var round = await db.Set<InspectionRound>().AsNoTracking().FirstAsync(r => r.Id == visit.RoundId);
        var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == visit.MunicipalityId).Select(m => m.Name).FirstAsync();
        // The protocol is a Swedish document for the licensee, whatever language the reader's own pages are in.
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = ProtocolPage.Culture;
        try
        {
            return TypedResults.Content(ProtocolPage.Render(visit, ProtocolRecipient.For(visit, venue), round, municipality, (code, own) => Checklist.Text(text, code, own)), "text/html; charset=utf-8");
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }

    public static async Task<IResult> SentAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var visit = await db.Set<Visit>().FirstOrDefaultAsync(v => v.Id == id);
        if (visit is null || !user.IsLicensing(visit.MunicipalityId))
        {
            return InspectionProblems.NotFound("Visit");
        }

        if (visit.ProtocolSentAt is not null)
        {
            return InspectionProblems.Conflict("Protocol already sent", "The protocol of this visit has already been sent to the licensee.");
        }

        var now = clock.GetUtcNow();
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == visit.VenueId);
        visit.MarkProtocolSent(now, ProtocolRecipient.Of(venue));
        if (await db.Set<InspectionTask>().FindAsync(visit.ProtocolTaskId) is { IsOpen: true } task)
        {
            task.Complete(InspectionTaskStatus.Done, now);
        }

        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.ProtocolSent, "The protocol was sent to the licensee.");
        entry.VisitId = visit.Id;
        db.Add(entry);
        await publish.Publish(new ProtocolSent(visit.Id, now));
        await db.SaveChangesAsync();
        return TypedResults.Ok(new { visit.Id, visit.ProtocolSentAt, onTime = now <= visit.ProtocolDueAt });
    }
}
