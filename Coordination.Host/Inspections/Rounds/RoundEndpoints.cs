using System.Security.Claims;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Rounds;

/// <summary>Inspection rounds: planned by the licensing unit, seen by the agencies asked to take part.</summary>
internal static class RoundEndpoints
{
    public static void MapRoundEndpoints(this IEndpointRouteBuilder inspections)
    {
        var rounds = inspections.MapGroup("/rounds").WithTags("Inspections: rounds");
        rounds.MapPost("/", PlanAsync);
        rounds.MapGet("/", ListAsync);
        rounds.MapGet("/{id:guid}", GetAsync);
        rounds.MapPut("/{id:guid}/schedule", ReplanAsync);
        rounds.MapPost("/{id:guid}/without-police", GoWithoutPoliceAsync);
        inspections.MapGet("/joint-rounds", JointRoundsAsync).WithTags("Inspections: rounds");
    }

    internal static async Task<IResult> PlanAsync(
        PlanRoundRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        if (request.MunicipalityId is not { } municipalityId)
        {
            errors.Add("municipalityId", "Say which municipality the round is in.");
            return errors.Problem();
        }

        if (!user.IsLicensing(municipalityId))
        {
            return InspectionProblems.Forbidden("You plan rounds only in a municipality whose licensing unit you belong to.");
        }

        var timing = RoundTiming.Read(request.Date, request.EveningStart, request.EveningEnd, now, errors);
        var sent = request.VenueIds ?? [];
        var venueIds = sent.Distinct().ToList();
        if (venueIds.Count == 0)
        {
            errors.Add("venueIds", "A round visits at least one venue.");
        }
        else if (venueIds.Count > InspectionRound.MaxVenues)
        {
            // Checked before the venues are looked up: PostgreSQL refused the round's row with a 500.
            errors.Add("venueIds", $"A round visits at most {InspectionRound.MaxVenues} venues.");
            venueIds.Clear();
        }

        var known = await db.Set<Venue>().Where(v => v.MunicipalityId == municipalityId && venueIds.Contains(v.Id)).Select(v => v.Id).ToListAsync();
        // A venue named twice is visited once, but an error names its place in the list as sent.
        for (var i = 0; i < sent.Count && venueIds.Count > 0; i++)
        {
            if (!known.Contains(sent[i]))
            {
                errors.Add($"venueIds[{i}]", "No venue with this id is registered in the municipality.");
            }
        }

        var withPolice = request.WithPolice ?? true;
        var participants = withPolice ? new List<AgencyKind> { AgencyKind.Police } : [];
        var optional = request.OptionalParticipants ?? [];
        var optionalAt = new Dictionary<AgencyKind, int>();
        for (var i = 0; i < optional.Count; i++)
        {
            if (errors.Enum<AgencyKind>($"optionalParticipants[{i}]", optional[i]) is { } kind)
            {
                if (kind is not (AgencyKind.RescueService or AgencyKind.TaxAgency))
                {
                    errors.Add($"optionalParticipants[{i}]", "Optional participants are RescueService and TaxAgency; the police take part unless the round is planned without them (withPolice: false).");
                }
                else if (!participants.Contains(kind))
                {
                    participants.Add(kind);
                    optionalAt[kind] = i;
                }
            }
        }

        // A participant the municipality does not have in the service could never answer, and its
        // unanswered request would escalate to nobody.
        var present = await db.Agencies.Where(a => a.MunicipalityId == municipalityId && participants.Contains(a.Kind)).Select(a => a.Kind).ToListAsync();
        foreach (var missing in participants.Where(k => !present.Contains(k)))
        {
            if (optionalAt.TryGetValue(missing, out var at))
            {
                errors.Add($"optionalParticipants[{at}]", $"The municipality has no {missing} agency in the service to ask.");
            }
            else
            {
                errors.Add("municipalityId", "A joint round asks the police, and the municipality has no Police agency in the service to ask; plan it without them (withPolice: false) to go alone.");
            }
        }

        if (timing is not { } t || errors.Any)
        {
            return errors.Problem();
        }

        var round = new InspectionRound
        {
            Id = Guid.NewGuid(),
            MunicipalityId = municipalityId,
            Date = t.Date,
            EveningStart = t.Start,
            EveningEnd = t.End,
            StartsAt = t.StartsAt,
            PlannedAt = now,
            PlannedBy = user.UserId(),
            WithPolice = withPolice,
            Status = withPolice ? RoundStatus.AwaitingPolice : RoundStatus.Confirmed,
        };
        round.VenueIds.AddRange(venueIds);
        round.Participants.AddRange(participants);
        db.Add(round);
        await RoundParticipation.RequestAsync(round, db, publish, now);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/inspections/rounds/{round.Id}", await RoundViews.ForLicensingAsync(round, db));
    }

    /// <summary>The calendar of rounds: each round listed is an audited read, since its date is that of unannounced visits.</summary>
    internal static async Task<IResult> ListAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        var licensing = user.IsLicensing(municipalityId);
        var mine = user.ParticipatingAgencies(municipalityId);
        if (!licensing && mine.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<object>());
        }

        var rounds = await db.Set<InspectionRound>().AsNoTracking().Where(r => r.MunicipalityId == municipalityId).ToListAsync();
        var visible = rounds.Where(r => licensing || r.Participants.Any(mine.Contains)).OrderBy(r => r.StartsAt).ToList();
        await audit.ListedAsync(visible.Select(r => InspectionRead.RoundListed(r, licensing ? [] : [.. mine.Where(r.Participants.Contains)])));
        return TypedResults.Ok(visible.Select(r => new
        {
            r.Id,
            date = r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            eveningStart = r.EveningStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            eveningEnd = r.EveningEnd.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            r.StartsAt,
            status = r.Status.ToString(),
            venues = r.VenueIds.Count,
        }).ToList());
    }

    /// <summary>A round shows its venues (names and addresses): each read is audited, the list of rounds (dates and counts) is not.</summary>
    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        var round = await db.Set<InspectionRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (round is null)
        {
            return InspectionProblems.NotFound("Round");
        }

        if (user.IsLicensing(round.MunicipalityId))
        {
            await audit.ReadAsync(InspectionRead.RoundByLicensing(round));
            return TypedResults.Ok(await RoundViews.ForLicensingAsync(round, db));
        }

        var mine = user.ParticipatingAgencies(round.MunicipalityId).Where(round.Participants.Contains).ToList();
        if (mine.Count == 0)
        {
            return InspectionProblems.NotFound("Round");
        }

        await audit.ReadAsync(InspectionRead.RoundByParticipant(round, mine));
        return TypedResults.Ok(await RoundViews.ForParticipantAsync(round, mine, db));
    }

    internal static async Task<IResult> ReplanAsync(
        Guid id, ReplanRoundRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var round = await db.Set<InspectionRound>().FirstOrDefaultAsync(r => r.Id == id);
        if (round is null || !user.IsLicensing(round.MunicipalityId))
        {
            return InspectionProblems.NotFound("Round");
        }

        if (round.Status == RoundStatus.Done)
        {
            return InspectionProblems.Conflict("Round already done", "Visits have been recorded for this round; plan a new one instead.");
        }

        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        if (RoundTiming.Read(request.Date, request.EveningStart, request.EveningEnd, now, errors) is not { } t)
        {
            return errors.Problem();
        }

        round = await RoundParticipation.DecideAsync(db, round, async (round, tasks) =>
        {
            await RoundParticipation.CancelOpenAsync(tasks, publish, now);
            round.Date = t.Date;
            round.EveningStart = t.Start;
            round.EveningEnd = t.End;
            round.StartsAt = t.StartsAt;
            round.Status = round.WithPolice ? RoundStatus.AwaitingPolice : RoundStatus.Confirmed;
            await RoundParticipation.RequestAsync(round, db, publish, now);
        });
        return TypedResults.Ok(await RoundViews.ForLicensingAsync(round, db));
    }

    /// <summary>
    /// The round goes ahead without the police, after they declined, proposed another evening or
    /// have not answered: their open request and the task to plan the round again that their answer
    /// opened end, the other participants' requests and tasks stand, visits may be recorded, and the round does not count as joint.
    /// The reason is kept on the round.
    /// </summary>
    internal static async Task<IResult> GoWithoutPoliceAsync(
        Guid id, WithoutPoliceRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var round = await db.Set<InspectionRound>().FirstOrDefaultAsync(r => r.Id == id);
        if (round is null || !user.IsLicensing(round.MunicipalityId))
        {
            return InspectionProblems.NotFound("Round");
        }

        if (!round.WithPolice)
        {
            return InspectionProblems.Conflict("Already without the police", "The round already goes ahead without the police.");
        }

        if (round.GoesAhead)
        {
            return InspectionProblems.Conflict("The police take part", "The police accepted: the round is a joint round. Plan it again to change its evening.");
        }

        var errors = new ValidationErrors();
        var reason = errors.Required("reason", request?.Reason?.Trim());
        errors.MaxLength("reason", reason, InspectionRound.WithoutPoliceReasonMaxLength);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var now = clock.GetUtcNow();
        // Only the police's request and the task to plan again that their answer opened: a task
        // opened by the rescue service's or tax agency's proposal of another evening is still the officer's to decide.
        var police = nameof(AgencyKind.Police);
        var policeReplans = await db.Set<ParticipationRequestState>()
            .Where(s => s.RoundId == id && s.AgencyKind == police && s.ReplanTaskId != null)
            .Select(s => s.ReplanTaskId!.Value)
            .ToListAsync();
        round = await RoundParticipation.DecideAsync(db, round, async (round, tasks) =>
        {
            await RoundParticipation.CancelOpenAsync(tasks.Where(t => t.AgencyKind == AgencyKind.Police || policeReplans.Contains(t.Id)), publish, now);
            round.WithPolice = false;
            round.WithoutPoliceReason = reason;
            round.Participants.Remove(AgencyKind.Police);
            round.Status = RoundStatus.Confirmed;
        });
        return TypedResults.Ok(await RoundViews.ForLicensingAsync(round, db));
    }

    /// <summary>Joint rounds done in a year against the municipality's promise (medborgarlöfte).</summary>
    internal static async Task<IResult> JointRoundsAsync(Guid municipalityId, int year, ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock)
    {
        if (!user.IsLicensing(municipalityId) && !user.IsMemberOf(municipalityId, AgencyKind.Police))
        {
            return InspectionProblems.NotFound("Municipality");
        }

        var errors = new ValidationErrors();
        if (!RoundDates.YearWithin(errors, "year", year, clock.GetUtcNow()))
        {
            return errors.Problem();
        }

        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rounds = await db.Set<InspectionRound>().AsNoTracking()
            .Where(r => r.MunicipalityId == municipalityId && r.Date >= from && r.Date <= to)
            .ToListAsync();
        var settings = await db.InspectionSettingsForAsync(municipalityId);
        var joint = rounds.Where(r => r.WithPolice).ToList();
        var done = joint.Count(r => r.Status == RoundStatus.Done);
        var confirmed = joint.Count(r => r.Status == RoundStatus.Confirmed);
        return TypedResults.Ok(new
        {
            year,
            promised = settings.YearlyJointRoundPromise,
            done,
            confirmed,
            planned = joint.Count,
            withoutPolice = rounds.Count(r => !r.WithPolice),
            remainingToPromise = Math.Max(0, settings.YearlyJointRoundPromise - done),
        });
    }
}
