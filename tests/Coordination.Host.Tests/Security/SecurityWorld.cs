using System.Net;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Records in Älvby (demo) in every sharing state, for the access matrix and the hostile-input
/// test: concerns not shared, shared with police and school, shared and withdrawn, and about a
/// young person with protected identity; a venue, a round, a visit and a supervision case. Each
/// concern has a personnummer, name and description of its own, so a leak is a string search.
/// </summary>
internal sealed class SecurityWorld
{
    public const string Alvby = "alvby.demo";
    public const string Sjostad = "sjostad.demo";
    public const string Teacher = "school.staff@alvby.demo";
    public const string Coordinator = "social.coordinator@alvby.demo";
    public const string Licensing = "licensing.staff@alvby.demo";
    public const string Police = "police.staff@alvby.demo";

    public static readonly string[] AgencySlugs = ["school", "social", "police", "leisure", "licensing", "rescue", "tax"];
    public static readonly string[] Roles = ["staff", "manager", "coordinator", "administrator", "auditor"];

    public required Guid AlvbyId { get; init; }

    public required Guid SjostadId { get; init; }

    public required IReadOnlyDictionary<string, CaseRecord> Concerns { get; init; }

    public required Guid SjostadConcern { get; init; }

    public required Guid VenueId { get; init; }

    public required Guid RoundId { get; init; }

    public required Guid VisitId { get; init; }

    public required Guid SupervisionCaseId { get; init; }

    public required Guid InspectionTaskId { get; init; }

    public required Guid AgencyTaskId { get; init; }

    /// <summary>The police's joint-work task on the concern shared with police and school.</summary>
    public required Guid PoliceTaskId { get; init; }

    public required Guid BasisId { get; init; }

    /// <summary>Every id of a record in Älvby: forged ids for users of Sjöstad.</summary>
    public required IReadOnlyList<Guid> AlvbyIds { get; init; }

    /// <summary>Every demo user: agency slug, role and municipality domain (the police users serve both municipalities).</summary>
    public static IEnumerable<(string Email, string Agency, string Role, string Domain)> Users() =>
        from domain in new[] { Alvby, Sjostad }
        from agency in AgencySlugs
        where !(agency == "police" && domain == Sjostad)
        from role in Roles
        select ($"{agency}.{role}@{domain}", agency, role, domain);

    public static async Task<SecurityWorld> BuildAsync(SecurityHost host, ApiUsers users)
    {
        var ids = await host.WithDatabaseAsync(async db => await db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).ToListAsync());
        var (alvby, sjostad) = (ids[0], ids[1]);

        // Inspections: a venue, a round the police accept, a visit with serious remarks, a supervision case.
        var venue = (await users.PostJsonAsync(Licensing, "/api/inspections/venues", Venue(alvby), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var round = (await users.PostJsonAsync(Licensing, "/api/inspections/rounds", Round(alvby, VisitEvening, venue), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Guid participation = default;
        await CaseJourney.UntilAsync(host, async db => (participation = await db.Set<InspectionTask>().Where(t => t.MunicipalityId == alvby && t.AgencyKind == AgencyKind.Police).Select(t => t.Id).FirstOrDefaultAsync()) != default, "the police participation request");
        await users.PostJsonAsync(Police, $"/api/inspections/participation/{participation}/accept", new { }, HttpStatusCode.OK);
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        var visit = (await users.PostJsonAsync(Licensing, $"/api/inspections/rounds/{round}/visits", Visit(venue), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var supervision = (await users.PostJsonAsync(Licensing, $"/api/inspections/visits/{visit}/outcome", new { outcome = "SeriousRemarks" }, HttpStatusCode.OK)).GetProperty("supervisionCaseId").GetGuid();

        // Concerns in every sharing state.
        var records = new Dictionary<string, CaseRecord>();
        foreach (var state in new[] { "not shared", "shared with police and school", "shared, then withdrawn", "protected identity, shared" })
        {
            var n = records.Count;
            var record = new CaseRecord(default, state, Personnummer[n], Names[n], $"Description-marker-{n} of what the school saw.", state.StartsWith("protected", StringComparison.Ordinal));
            var raised = await users.PostJsonAsync(Teacher, "/api/concerns", new
            {
                youngPerson = new { personalIdentityNumber = record.Personnummer, name = record.Name, protectedIdentity = record.ProtectedIdentity },
                school = "Älvby skola", categories = Categories, urgency = "Urgent", description = record.Description,
                guardianKnowledge = "The guardians know.",
            }, HttpStatusCode.Created);
            var id = raised.GetProperty("id").GetGuid();
            await CaseJourney.UntilAsync(host, db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == id), "the concern registered");
            if (state != "not shared")
            {
                await CaseJourney.ShareAsync(users, id, "Police", "School");
            }

            if (state.Contains("withdrawn", StringComparison.Ordinal))
            {
                var basis = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.ConcernId == id).Select(b => b.Id).SingleAsync());
                await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{basis}/withdrawal", new { }, HttpStatusCode.NoContent);
            }

            records[state] = record with { Id = id };
        }

        var shared = records["shared with police and school"].Id;
        var police = await host.WithDatabaseAsync(db => db.Agencies.Where(a => a.MunicipalityId == alvby && a.Kind == AgencyKind.Police).Select(a => a.Id).SingleAsync());
        Guid policeTask = default;
        await CaseJourney.UntilAsync(host, async db => (policeTask = await db.Set<AgencyTaskState>().Where(t => t.ConcernId == shared && t.AgencyId == police && t.Kind == Contracts.Concerns.AgencyTaskKind.JointWork).Select(t => t.CorrelationId).FirstOrDefaultAsync()) != default, "joint-work tasks offered");

        // A message of the shared concern's workflow that failed every retry: an incident for social services' administrators.
        await host.WithDatabaseAsync(db =>
        {
            db.Add(Operations.OpenIncident.Of("loopback://localhost/security-world-incidents", shared, host.Clock.GetUtcNow()));
            return db.SaveChangesAsync();
        });
        var sjostadConcern = (await users.PostJsonAsync("school.staff@sjostad.demo", "/api/concerns", new
        {
            youngPerson = new { personalIdentityNumber = "20120707-1182", name = "Sigrid Sjöstadsson", protectedIdentity = false },
            school = "Sjöstad skola", categories = Truancy, urgency = "Normal", description = "Description-marker-sjostad.", guardianKnowledge = "Unknown.",
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == sjostadConcern), "the Sjöstad concern registered");

        return await host.WithDatabaseAsync(async db => new SecurityWorld
        {
            AlvbyId = alvby,
            SjostadId = sjostad,
            Concerns = records,
            SjostadConcern = sjostadConcern,
            VenueId = venue,
            RoundId = round,
            VisitId = visit,
            SupervisionCaseId = supervision,
            InspectionTaskId = participation,
            AgencyTaskId = await db.Set<AgencyTaskState>().Where(t => t.ConcernId == shared && t.Kind == Contracts.Concerns.AgencyTaskKind.JointWork).Select(t => t.CorrelationId).FirstAsync(),
            PoliceTaskId = policeTask,
            BasisId = await db.Set<SharingBasis>().Where(b => b.ConcernId == shared).Select(b => b.Id).FirstAsync(),
            AlvbyIds = [.. records.Values.Select(r => r.Id), venue, round, visit, supervision, participation,
                .. await db.Set<AgencyTaskState>().Where(t => t.MunicipalityId == alvby).Select(t => t.CorrelationId).ToListAsync(),
                .. await db.Set<SharingBasis>().Select(b => b.Id).ToListAsync(), alvby],
        });
    }

    private static readonly string[] Present = ["Lena Licensing", "Per Polis"];

    /// <summary>The evening the arranged rounds are visited; the clock is moved past it before visits are recorded.</summary>
    public const string VisitEvening = "2026-11-27";

    private static readonly DateTimeOffset VisitStart = new(2026, 11, 27, 20, 30, 0, TimeSpan.Zero);

    /// <summary>A round of the municipality's venues on <paramref name="date"/>, 21:00–01:00, the police only.</summary>
    public static object Round(Guid municipalityId, string date, params Guid[] venueIds) => new
    {
        municipalityId, date, eveningStart = "21:00", eveningEnd = "01:00", venueIds, optionalParticipants = Array.Empty<string>(),
    };

    /// <summary>A visit to <paramref name="venueId"/> on <see cref="VisitEvening"/> with a remark: guests under 18 served.</summary>
    public static object Visit(Guid venueId) => new
    {
        venueId,
        startedAt = VisitStart,
        endedAt = VisitStart.AddMinutes(45),
        participantsPresent = Present,
        items = new[] { new { code = "serving.no-serving-under-18", result = "Remark", note = "Guests aged 16 served." } },
    };

    private static readonly string[] Categories = ["CrimeRisk", "Truancy"];

    private static readonly string[] Truancy = ["Truancy"];

    private static readonly string[] Personnummer = ["20120607-2389", "20120912-4567", "20130221-3846", "20130101-6422"];

    private static readonly string[] Names = ["Alva Osynligsson", "Bo Delatsson", "Cilla Återkalladsdotter", "Dana Skyddsdotter"];

    public static object Venue(Guid municipalityId) => new
    {
        municipalityId,
        name = "Klubb Natt",
        licenseeName = "Klubb Natt AB",
        organisationNumber = "556016-0680",
        address = "Storgatan 1",
        postalTown = "Älvby",
        licenceKinds = new[] { "AlcoholToPublic" },
        servingFrom = "11:00",
        servingUntil = "02:00",
        responsiblePersons = new[] { "Anna Andersson" },
        hasDancing = true,
        hasYoungCrowd = true,
        complaints = 1,
    };
}

/// <summary>One arranged concern and the personal data that must not leak from it.</summary>
internal sealed record CaseRecord(Guid Id, string State, string Personnummer, string Name, string Description, bool ProtectedIdentity);
