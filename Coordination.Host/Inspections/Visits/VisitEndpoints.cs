using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Supervision;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Visits;

/// <summary>Visits during a round: recorded with their checklist, read by licensing and (their own items) by participants.</summary>
internal static class VisitEndpoints
{
    private const string AlreadyRecorded = "A visit to this venue is already recorded for the round.";

    public static void MapVisitEndpoints(this IEndpointRouteBuilder inspections)
    {
        inspections.MapPost("/rounds/{roundId:guid}/visits", RecordAsync).WithTags("Inspections: visits");
        var visits = inspections.MapGroup("/visits/{id:guid}").WithTags("Inspections: visits");
        visits.MapGet("/", GetAsync);
        visits.MapGet("/protocol", ProtocolEndpoints.ViewAsync);
        visits.MapPost("/protocol/sent", ProtocolEndpoints.SentAsync);
        visits.MapPost("/outcome", OutcomeEndpoints.DecideAsync);
        inspections.MapGet("/checklists", () => TypedResults.Ok(Checklists.All.Select(i => new
        {
            i.Code,
            licenceKind = i.LicenceKind.ToString(),
            i.Text,
            checkedBy = i.CheckedBy.ToString(),
        }))).WithTags("Inspections: visits");
    }

    internal static async Task<IResult> RecordAsync(
        Guid roundId, RecordVisitRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var round = await db.Set<InspectionRound>().FirstOrDefaultAsync(r => r.Id == roundId);
        if (round is null || !user.IsLicensing(round.MunicipalityId))
        {
            return InspectionProblems.NotFound("Round");
        }

        var errors = new ValidationErrors();
        if (!round.GoesAhead)
        {
            errors.Add("roundId", $"The round is {round.Status}: visits are recorded only for a round the police have accepted, or one that goes ahead without them.");
        }

        Venue? venue = null;
        if (request.VenueId is not { } venueId || !round.VenueIds.Contains(venueId))
        {
            errors.Add("venueId", "The venue is not part of this round.");
        }
        else
        {
            venue = await db.Set<Venue>().FirstAsync(v => v.Id == venueId);
            if (await db.Set<Visit>().AnyAsync(v => v.RoundId == roundId && v.VenueId == venueId))
            {
                errors.Add("venueId", AlreadyRecorded);
            }
        }

        var now = clock.GetUtcNow();
        if (request.StartedAt is not { } started)
        {
            errors.Add("startedAt", "When the visit started is required.");
        }
        else if (started > now)
        {
            errors.Add("startedAt", "A visit is recorded after it took place.");
        }
        else if (!RoundTiming.IsOnTheEvening(round, started))
        {
            errors.Add("startedAt", string.Create(CultureInfo.InvariantCulture,
                $"A visit of this round starts on its evening, {round.Date:yyyy-MM-dd} {round.EveningStart:HH\\:mm}–{round.EveningEnd:HH\\:mm} (Swedish time)."));
        }

        if (request.EndedAt is not { } ended)
        {
            errors.Add("endedAt", "When the visit ended is required.");
        }
        else if (request.StartedAt is { } s && ended <= s)
        {
            errors.Add("endedAt", "The visit ends after it starts.");
        }
        else if (ended > now)
        {
            errors.Add("endedAt", "A visit is recorded after it took place.");
        }

        var present = (request.ParticipantsPresent ?? []).Select(p => p?.Trim() ?? "").ToList();
        if (present.Count == 0)
        {
            errors.Add("participantsPresent", "Name the inspectors who were present.");
        }

        for (var i = 0; i < present.Count; i++)
        {
            if (present[i].Length == 0 || present[i].Contains('\n', StringComparison.Ordinal))
            {
                errors.Add($"participantsPresent[{i}]", "A participant is a name on one line.");
            }
            else
            {
                errors.MaxLength($"participantsPresent[{i}]", present[i], TextLimits.PersonName);
            }
        }

        errors.MaxLength("participantsPresent", string.Join('\n', present), TextLimits.NameList);

        var entries = ChecklistReading.Read(request.Items, venue, errors);
        if (errors.Any || venue is null)
        {
            return errors.Problem();
        }

        var settings = await db.InspectionSettingsForAsync(round.MunicipalityId);
        var (remindAt, dueAt) = InspectionDeadlines.Protocol(await InspectionDeadlines.CalendarAsync(db, round.MunicipalityId), request.EndedAt!.Value, settings);
        var protocolTask = InspectionTask.Create(round.MunicipalityId, AgencyKind.LicensingUnit, InspectionTaskKind.SendProtocol, $"Send the protocol of the visit to {venue.Name}", now, dueAt);
        var visit = new Visit
        {
            Id = Guid.NewGuid(),
            RoundId = round.Id,
            VenueId = venue.Id,
            MunicipalityId = round.MunicipalityId,
            StartedAt = request.StartedAt!.Value,
            EndedAt = request.EndedAt.Value,
            ProtocolDueAt = dueAt,
            ProtocolTaskId = protocolTask.Id,
            RecordedAt = now,
            RecordedBy = user.UserId(),
        };
        protocolTask.RoundId = round.Id;
        protocolTask.VenueId = venue.Id;
        protocolTask.VisitId = visit.Id;
        visit.ParticipantsPresent.AddRange(present);
        visit.Entries.AddRange(entries.Select(e => { e.VisitId = visit.Id; return e; }));
        db.Add(visit);
        db.Add(protocolTask);
        round.Status = RoundStatus.Done;

        void History(VenueHistoryKind kind, string text)
        {
            var entry = VenueHistoryEntry.For(venue, visit.StartedAt, kind, text);
            entry.VisitId = visit.Id;
            db.Add(entry);
        }

        History(VenueHistoryKind.Visited, string.Create(CultureInfo.InvariantCulture, $"Visited during the round of {round.Date:yyyy-MM-dd}; {visit.RemarkCount} remark(s)."));
        foreach (var remark in entries.Where(e => e.Result == ChecklistResult.Remark))
        {
            Checklists.TryFind(remark.Code, out var item);
            History(VenueHistoryKind.Remark, $"Remark: {item!.Text}. {remark.Note}");
        }

        await ReInspection.CompleteByVisitAsync(db, publish, venue, visit, now);
        await SupervisionFollowUp.CompleteByVisitAsync(db, publish, venue, visit.Id, visit.StartedAt, now);
        await publish.Publish(new VisitRecorded(visit.Id, venue.Id, visit.MunicipalityId, protocolTask.Id, remindAt, dueAt));
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
            await MarkVisitedAsync(db, venue.Id, visit.StartedAt);
            await transaction.CommitAsync();
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The same visit recorded twice at the same moment (a double-tap on the tablet): both
            // passed the check above, the unique index on round and venue let one through, and
            // this one is answered as a later recording would be, with nothing of it saved.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            if (!await db.Set<Visit>().AnyAsync(v => v.RoundId == roundId && v.VenueId == visit.VenueId))
            {
                throw;
            }

            errors.Add("venueId", AlreadyRecorded);
            return errors.Problem();
        }

        return TypedResults.Created($"/api/inspections/visits/{visit.Id}", VisitViews.ForLicensing(visit, venue));
    }

    /// <summary>
    /// The venue's last visit moves forward only: a visit of an earlier round recorded late, even
    /// at the same moment as a later one, does not make the venue look longer unvisited than it is
    /// (the risk score counts the months since its last visit). One conditional statement, so the
    /// database decides against the row as committed, not as this request read it; the register's
    /// version is not raised, since a visit is not an edit of the register.
    /// </summary>
    private static Task<int> MarkVisitedAsync(CoordinationDbContext db, Guid venueId, DateTimeOffset startedAt) =>
        db.Set<Venue>()
            .Where(v => v.Id == venueId && (v.LastVisitedAt == null || v.LastVisitedAt < startedAt))
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.LastVisitedAt, startedAt));

    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        var visit = await db.Set<Visit>().AsNoTracking().Include(v => v.Entries).FirstOrDefaultAsync(v => v.Id == id);
        if (visit is null)
        {
            return InspectionProblems.NotFound("Visit");
        }

        var venue = await db.Set<Venue>().AsNoTracking().FirstAsync(v => v.Id == visit.VenueId);
        if (user.IsLicensing(visit.MunicipalityId))
        {
            await audit.ReadAsync(InspectionRead.VisitByLicensing(visit));
            return TypedResults.Ok(VisitViews.ForLicensing(visit, venue));
        }

        var round = await db.Set<InspectionRound>().AsNoTracking().FirstAsync(r => r.Id == visit.RoundId);
        var mine = user.ParticipatingAgencies(visit.MunicipalityId).Where(round.Participants.Contains).ToList();
        if (mine.Count == 0)
        {
            return InspectionProblems.NotFound("Visit");
        }

        await audit.ReadAsync(InspectionRead.VisitByParticipant(visit, mine));
        return TypedResults.Ok(VisitViews.ForParticipant(visit, venue, mine));
    }
}
