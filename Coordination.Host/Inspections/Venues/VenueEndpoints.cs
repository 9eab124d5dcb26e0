using System.Globalization;
using System.Security.Claims;
using Coordination.Host.Security;
using Coordination.Host.Security.Audit;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Risk;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Venues;

/// <summary>The venue register of the licensing unit: venues, their history and their risk.</summary>
internal static class VenueEndpoints
{
    public static void MapVenueEndpoints(this IEndpointRouteBuilder inspections)
    {
        var venues = inspections.MapGroup("/venues").WithTags("Inspections: venues");
        venues.MapPost("/", RegisterAsync);
        venues.MapGet("/", ListAsync);
        venues.MapGet("/{id:guid}", GetAsync);
        venues.MapPut("/{id:guid}", ChangeAsync);
        venues.MapDelete("/{id:guid}", RemoveAsync);
        venues.MapGet("/{id:guid}/history", HistoryAsync);
        venues.MapGet("/{id:guid}/risk", RiskAsync);
        inspections.MapGet("/risk", RankingAsync).WithTags("Inspections: venues");
    }

    internal static async Task<IResult> RegisterAsync(VenueRequest request, ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock)
    {
        var errors = new ValidationErrors();
        if (request.MunicipalityId is not { } municipalityId)
        {
            errors.Add("municipalityId", "Say which municipality the venue is in.");
        }
        else if (!user.IsLicensing(municipalityId))
        {
            return InspectionProblems.Forbidden("You register venues only in a municipality whose licensing unit you belong to.");
        }

        var now = clock.GetUtcNow();
        var apply = VenueValidation.Validate(request, StockholmTime.Today(now), errors);
        if (apply is null || errors.Any)
        {
            return errors.Problem();
        }

        var venue = new Venue
        {
            Id = Guid.NewGuid(),
            MunicipalityId = request.MunicipalityId!.Value,
            Name = "",
            LicenseeName = "",
            OrganisationNumber = "",
            Address = "",
            PostalTown = "",
            RegisteredAt = now,
        };
        apply(venue);
        db.Add(venue);
        db.Add(VenueHistoryEntry.For(venue, now, VenueHistoryKind.Registered, $"Registered: {venue.Name}, licensee {venue.LicenseeName} ({venue.OrganisationNumber})."));
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/inspections/venues/{venue.Id}", VenueView.From(venue));
    }

    internal static async Task<IResult> ListAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (!user.IsLicensing(municipalityId))
        {
            return TypedResults.Ok(Array.Empty<VenueView>());
        }

        var venues = (await db.Set<Venue>().AsNoTracking().Where(v => v.MunicipalityId == municipalityId).ToListAsync())
            .OrderBy(v => v.Name, StringComparer.CurrentCulture)
            .ToList();
        await audit.ListedAsync(venues.Select(v => InspectionRead.Venue(v, "venue list")));
        return TypedResults.Ok(venues.Select(VenueView.From).ToList());
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext http, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (await db.VisibleVenueAsync(id, http.User) is not { } venue)
        {
            return InspectionProblems.NotFound("Venue");
        }

        await audit.ReadAsync(InspectionRead.Venue(venue));
        var view = VenueView.From(venue);
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    /// <summary>Changes the register details; with <c>If-Match</c>, only if nobody changed them since the caller read them.</summary>
    private static async Task<IResult> ChangeAsync(Guid id, VenueRequest request, HttpContext http, CoordinationDbContext db, TimeProvider clock)
    {
        if (!IfMatchVersion.TryRead(http.Request.Headers.IfMatch.ToString(), out var readVersion))
        {
            var unreadable = new ValidationErrors();
            unreadable.Add(IfMatchVersion.Header, IfMatchVersion.Unreadable("the venue was"));
            return unreadable.Problem();
        }

        var result = await ChangeIfMatchAsync(id, request, readVersion, http.User, db, clock);
        if (result is Ok<VenueView> { Value: { } view })
        {
            http.Response.Headers.ETag = view.ETag;
        }

        return result;
    }

    /// <summary>
    /// The change itself, for the API and the register page: with <paramref name="readVersion"/> (the
    /// version the caller read), only if it is still the venue's; without it, whatever the version.
    /// </summary>
    internal static async Task<IResult> ChangeIfMatchAsync(Guid id, VenueRequest request, int? readVersion, ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock)
    {
        if (await db.VisibleVenueAsync(id, user, tracked: true) is not { } venue)
        {
            return InspectionProblems.NotFound("Venue");
        }

        if (readVersion is { } read && read != venue.Version)
        {
            return InspectionProblems.StaleVersion();
        }

        var errors = new ValidationErrors();
        if (request.MunicipalityId is { } moved && moved != venue.MunicipalityId)
        {
            errors.Add("municipalityId", "A venue stays in its municipality; register it anew in the other one.");
        }

        var now = clock.GetUtcNow();
        var apply = VenueValidation.Validate(request, StockholmTime.Today(now), errors);
        if (apply is null || errors.Any)
        {
            return errors.Problem();
        }

        var before = VenueView.From(venue);
        apply(venue);
        var changed = VenueChanges.Describe(before, VenueView.From(venue));
        if (changed.Length > 0)
        {
            venue.Version++;
            db.Add(VenueHistoryEntry.For(venue, now, VenueHistoryKind.DetailsChanged, changed));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                // Saved by someone else at the same moment: with If-Match the version named is gone;
                // without it no precondition was sent, so it is the plain conflict other records answer.
                return readVersion is null ? InspectionProblems.ChangedAtTheSameTime() : InspectionProblems.StaleVersion();
            }
        }

        return TypedResults.Ok(VenueView.From(venue));
    }

    internal static async Task<IResult> RemoveAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db)
    {
        if (await db.VisibleVenueAsync(id, user, tracked: true) is not { } venue)
        {
            return InspectionProblems.NotFound("Venue");
        }

        // A venue with inspections behind it is part of the follow-up and keeps its history.
        if (await db.Set<VenueHistoryEntry>().AnyAsync(e => e.VenueId == id && e.Kind != VenueHistoryKind.Registered && e.Kind != VenueHistoryKind.DetailsChanged))
        {
            return InspectionProblems.Conflict("Venue has a history", "A venue that has been visited or sanctioned cannot be removed: its history is part of the follow-up.");
        }

        // A round keeps the venues it visits; the list is one column, so it is read and searched here.
        var rounds = (await db.Set<InspectionRound>().AsNoTracking().Where(r => r.MunicipalityId == venue.MunicipalityId).ToListAsync())
            .Where(r => r.VenueIds.Contains(id))
            .OrderBy(r => r.Date)
            .ToList();
        if (rounds.Count > 0)
        {
            return InspectionProblems.Conflict(
                "Venue is in a round",
                "A venue that an inspection round visits cannot be removed: it is in the round(s) of "
                + string.Join(", ", rounds.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd} ({r.Id})")))
                + ".");
        }

        db.RemoveRange(await db.Set<VenueHistoryEntry>().Where(e => e.VenueId == id).ToListAsync());
        db.Remove(venue);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> HistoryAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (await db.VisibleVenueAsync(id, user) is not { } venue)
        {
            return InspectionProblems.NotFound("Venue");
        }

        await audit.ReadAsync(InspectionRead.VenueHistory(venue));
        var entries = await db.Set<VenueHistoryEntry>().AsNoTracking().Where(e => e.VenueId == id).ToListAsync();
        return TypedResults.Ok(entries.OrderBy(e => e.At).Select(e => new
        {
            e.At,
            kind = e.Kind.ToString(),
            sanction = e.Sanction?.ToString(),
            e.VisitId,
            e.SupervisionCaseId,
            e.Text,
        }));
    }

    internal static async Task<IResult> RiskAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock, InspectionReadAudit audit)
    {
        if (await db.VisibleVenueAsync(id, user) is not { } venue)
        {
            return InspectionProblems.NotFound("Venue");
        }

        await audit.ReadAsync(InspectionRead.VenueRisk(venue));
        var history = await db.Set<VenueHistoryEntry>().AsNoTracking().Where(e => e.VenueId == id).ToListAsync();
        var settings = await db.InspectionSettingsForAsync(venue.MunicipalityId);
        return TypedResults.Ok(RiskAssessment.Score(venue, history, settings, clock.GetUtcNow()));
    }

    /// <summary>All venues of a municipality, highest risk first: what a round is planned from.</summary>
    internal static async Task<IResult> RankingAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db, TimeProvider clock, InspectionReadAudit audit)
    {
        if (!user.IsLicensing(municipalityId))
        {
            return TypedResults.Ok(Array.Empty<RiskScore>());
        }

        var venues = await db.Set<Venue>().AsNoTracking().Where(v => v.MunicipalityId == municipalityId).ToListAsync();
        var history = (await db.Set<VenueHistoryEntry>().AsNoTracking().Where(e => e.MunicipalityId == municipalityId).ToListAsync())
            .ToLookup(e => e.VenueId);
        var settings = await db.InspectionSettingsForAsync(municipalityId);
        var now = clock.GetUtcNow();
        await audit.ListedAsync(venues.Select(InspectionRead.Ranked));
        return TypedResults.Ok(venues
            .Select(v => RiskAssessment.Score(v, history[v.Id].ToList(), settings, now))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.VenueName, StringComparer.CurrentCulture)
            .ToList());
    }

    /// <summary>A venue of a municipality whose licensing unit the user belongs to, or null.</summary>
    public static async Task<Venue?> VisibleVenueAsync(this CoordinationDbContext db, Guid id, ClaimsPrincipal user, bool tracked = false)
    {
        var query = tracked ? db.Set<Venue>() : db.Set<Venue>().AsNoTracking();
        var venue = await query.FirstOrDefaultAsync(v => v.Id == id);
        return venue is not null && user.IsLicensing(venue.MunicipalityId) ? venue : null;
    }
}
