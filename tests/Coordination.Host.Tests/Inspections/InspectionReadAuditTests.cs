using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// Every read of the inspection records (the venue register with the licensee's organisation
/// number, a venue's history, a visit and its protocol, a supervision case) leaves an audit entry
/// naming who read what, of which municipality, on which basis; the auditor finds them by record
/// type. A refused read leaves none, and a page load is one entry.
/// </summary>
public sealed class InspectionReadAuditTests
{
    private const string Officer = "licensing.staff@alvby.demo";
    private const string PoliceOfficer = "police.staff@alvby.demo";
    private const string Auditor = "licensing.auditor@alvby.demo";
    private const string OtherMunicipality = "licensing.staff@sjostad.demo";
    private const string Licensing = "Licensing unit of the municipality";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Reads_of_a_venue_its_history_a_protocol_and_a_supervision_case_are_found_by_the_auditor_with_who_and_on_which_basis(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, visitId, caseId) = await scenario.SupervisionCaseAsync("Krogen Ankaret", "556016-0680");

        await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        using (var protocol = await scenario.Officer.GetAsync($"/api/inspections/visits/{visitId}/protocol"))
        {
            Assert.Equal(HttpStatusCode.OK, protocol.StatusCode);
        }

        await scenario.SupervisionCaseAsync(caseId);
        await scenario.Police.GetJsonAsync($"/api/inspections/visits/{visitId}");

        using var auditor = new InspectionsClient(scenario.Host, Auditor);
        var officer = await scenario.Host.UserIdAsync(Officer);
        var police = await scenario.Host.UserIdAsync(PoliceOfficer);
        var alvby = scenario.MunicipalityId;
        Assert.Equal(
            [
                new Read(officer, Officer, venueId, alvby, Licensing, "venue"),
                new Read(officer, Officer, venueId, alvby, Licensing, "venue history"),
            ],
            await ReadsAsync(auditor, "Venue"));
        Assert.Equal(
            [
                new Read(officer, Officer, visitId, alvby, Licensing, "protocol"),
                new Read(police, PoliceOfficer, visitId, alvby, "Participating police of the round", "visit"),
            ],
            await ReadsAsync(auditor, "Visit"));
        Assert.Equal([new Read(officer, Officer, caseId, alvby, Licensing, "supervision case")], await ReadsAsync(auditor, "SupervisionCase"));

        // The entry says which fields were read, never their values: the log is kept longer than the register.
        var details = (await scenario.Host.AuditAsync(AuditAction.PersonalDataRead)).Select(e => e.Detail + " " + e.Basis).ToList();
        Assert.Contains(details, d => d.StartsWith("venue; fields: register details (name, licensee, organisation number", StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.Contains("556016-0680", StringComparison.Ordinal) || d.Contains("Krogen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Reads_refused_to_a_user_of_another_municipality_or_outside_the_licensing_unit_leave_no_entry(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, visitId, caseId) = await scenario.SupervisionCaseAsync("Krogen Ankaret", "556016-0680");
        var before = await scenario.Host.AuditAsync(AuditAction.PersonalDataRead);
        using var other = new InspectionsClient(scenario.Host, OtherMunicipality);
        string[] records =
        [
            $"/api/inspections/venues/{venueId}",
            $"/api/inspections/venues/{venueId}/history",
            $"/api/inspections/venues/{venueId}/risk",
            $"/api/inspections/visits/{visitId}",
            $"/api/inspections/visits/{visitId}/protocol",
            $"/api/inspections/supervision-cases/{caseId}",
        ];
        foreach (var path in records)
        {
            using var refused = await other.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path}: {refused.StatusCode}");
        }

        foreach (var path in new[] { "venues", "risk", "supervision-cases" })
        {
            var list = await other.GetJsonAsync($"/api/inspections/{path}?municipalityId={scenario.MunicipalityId}");
            Assert.Equal(0, list.GetArrayLength());
        }

        // The police take part in the round, not in the register or the supervision.
        foreach (var path in new[] { records[0], records[4], records[5] })
        {
            using var refused = await scenario.Police.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path}: {refused.StatusCode}");
        }

        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, OtherMunicipality);
        using (var page = await browser.GetAsync(new Uri($"/Inspections/VenueHistory?id={venueId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        Assert.Equal(before.Count, (await scenario.Host.AuditAsync(AuditAction.PersonalDataRead)).Count);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_page_load_is_one_entry_for_what_the_page_shows(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, visitId, _) = await scenario.SupervisionCaseAsync("Krogen Ankaret", "556016-0680");
        var otherVenueId = await scenario.RegisterVenueAsync("Bar Fyren", "556036-0793");
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer);
        var before = (await scenario.Host.AuditAsync(AuditAction.PersonalDataRead)).Count;

        // The venue's form; its page of register details, risk and history, read by three handlers; the protocol with its visit, venue and round.
        await OpenAsync(browser, $"/Inspections/Venue?id={venueId}");
        await OpenAsync(browser, $"/Inspections/VenueHistory?id={venueId}");
        await OpenAsync(browser, $"/Inspections/Protocol?id={visitId}");

        // The register searched for one of its two venues: the row shown is audited, not the other.
        await OpenAsync(browser, $"/Inspections/Venues?municipalityId={scenario.MunicipalityId}&search=Fyren");

        var entries = (await scenario.Host.AuditAsync(AuditAction.PersonalDataRead)).Skip(before).ToList();
        Assert.Equal(
            [
                ("Venue", venueId, "page /Inspections/Venue: venue"),
                ("Venue", venueId, "page /Inspections/VenueHistory: venue"),
                ("Visit", visitId, "page /Inspections/Protocol: protocol"),
                ("Venue", otherVenueId, "page /Inspections/Venues: venue list"),
            ],
            entries.Select(e => (e.SubjectType, Guid.Parse(e.SubjectId), e.Detail.Split(" (")[0].Split(';')[0])));
        Assert.All(entries, e => Assert.Equal((Officer, Licensing, scenario.MunicipalityId), (e.Actor, e.Basis, e.MunicipalityId!.Value)));
        Assert.Contains("venue risk (", entries[1].Detail, StringComparison.Ordinal);
        Assert.Contains("venue history (", entries[1].Detail, StringComparison.Ordinal);
        Assert.Contains($"venue {venueId} (", entries[2].Detail, StringComparison.Ordinal);
        Assert.Contains("round ", entries[2].Detail, StringComparison.Ordinal);

        // Who saw this venue: its own pages and the protocol that showed it, found by its id.
        using var auditor = new InspectionsClient(scenario.Host, Auditor);
        var found = await auditor.GetJsonAsync($"/api/audit/entries?subjectId={venueId.ToString().ToUpperInvariant()}&action=PersonalDataRead");
        Assert.Equal(
            [("Venue", venueId), ("Venue", venueId), ("Visit", visitId)],
            found.EnumerateArray().Select(e => (e.GetProperty("subjectType").GetString()!, Guid.Parse(e.GetProperty("subjectId").GetString()!))));
    }

    /// <summary>
    /// The calendar lists when venues are visited unannounced, and a task list names the venue a
    /// task is about (the licensee) and the reason an agency gave: neither was audited as a read,
    /// while the register and the list of cases audit each row. Now each round and task listed is
    /// one entry; on the calendar page, the rounds of the month shown and the tasks.
    /// </summary>
    [Fact]
    public async Task The_calendar_and_the_inspection_task_lists_audit_each_round_and_task_they_show()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Krogen Ankaret", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>()
            .Where(t => t.RoundId == roundId && t.AgencyKind == AgencyKind.Police).Select(t => t.Id).SingleAsync());
        var before = await scenario.Host.WithDatabaseAsync(db => db.Set<AuditEntry>().MaxAsync(e => e.Sequence));

        await scenario.Officer.GetJsonAsync($"/api/inspections/rounds?municipalityId={scenario.MunicipalityId}");
        await scenario.Police.GetJsonAsync($"/api/inspections/tasks?municipalityId={scenario.MunicipalityId}");
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, PoliceOfficer);
        await OpenAsync(browser, $"/Inspections/Index?municipalityId={scenario.MunicipalityId}&month=2026-11");
        await OpenAsync(browser, $"/Inspections/Index?municipalityId={scenario.MunicipalityId}&month=2026-12");

        var entries = await scenario.Host.WithDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Sequence > before && e.Action == AuditAction.PersonalDataRead).OrderBy(e => e.Sequence).ToListAsync());
        const string Police = "Participating police of the round";
        Assert.Equal(
            [
                (Officer, "InspectionRound", roundId, Licensing, "round list"),
                (PoliceOfficer, "InspectionTask", request, Police, "inspection task list"),
                (PoliceOfficer, "InspectionRound", roundId, Police, "page /Inspections/Index: round list"),
                (PoliceOfficer, "InspectionTask", request, Police, "page /Inspections/Index: inspection task list"),
                (PoliceOfficer, "InspectionTask", request, Police, "page /Inspections/Index: inspection task list"),
            ],
            entries.Select(e => (e.Actor, e.SubjectType, Guid.Parse(e.SubjectId), e.Basis, e.Detail.Split(';')[0])));
        Assert.All(entries, e => Assert.DoesNotContain("Krogen", e.Detail, StringComparison.Ordinal));
    }

    private static async Task OpenAsync(HttpClient browser, string path)
    {
        using var page = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}{UnhandledExceptionHeader.Of(page)}");
    }

    private static async Task<List<Read>> ReadsAsync(InspectionsClient auditor, string subjectType)
    {
        var entries = await auditor.GetJsonAsync($"/api/audit/entries?subjectType={subjectType}&action=PersonalDataRead");
        return entries.EnumerateArray().Select(e => new Read(
            e.GetProperty("actorUserId").GetGuid(),
            e.GetProperty("actor").GetString()!,
            Guid.Parse(e.GetProperty("subjectId").GetString()!),
            e.GetProperty("municipalityId").GetGuid(),
            e.GetProperty("basis").GetString()!,
            e.GetProperty("detail").GetString()!.Split(';')[0])).ToList();
    }

    private sealed record Read(Guid ActorUserId, string Actor, Guid SubjectId, Guid MunicipalityId, string Basis, string What);
}
