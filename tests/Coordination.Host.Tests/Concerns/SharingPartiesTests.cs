using System.Net;
using System.Text.Json;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The coordinator routes the concern to the parties the legal basis names, and each gets a task
/// (DOMAIN.md, routing). The routing rules name the usual parties for a category; a party named
/// outside them (leisure on a concern about crime risk and truancy) was shared with and given no
/// task: it could read the concern, and nobody there was told of it. The licensing unit, the
/// rescue service and the tax agency take part in inspections only: a basis naming one was
/// recorded, and its staff got a task and the shared view (name, birth year, school).
/// </summary>
public sealed class SharingPartiesTests
{
    private const string LeisureWorker = "leisure.staff@alvby.demo";
    private const string TaxWorker = "tax.staff@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_party_the_routing_rules_do_not_name_for_the_categories_gets_a_task_when_the_consent_names_it(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "sharing-parties");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);

        // The default rules name the police and the school for crime risk and truancy, not leisure.
        using (var page = await users.GetAsync(Coordinator, $"/Concerns/Case/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Contains("Enligt kommunens rutiner deltar för ärendets kategorier: Skola, Polis.", html, StringComparison.Ordinal);
        }

        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "School", "Leisure"), HttpStatusCode.Created);

        Assert.Equal(["School", "Leisure"], consent.GetProperty("offeredTo").EnumerateArray().Select(e => e.GetString()));
        var task = await users.WaitForTaskAsync(LeisureWorker, id, "JointWork");
        Assert.Equal(consent.GetProperty("taskDue").GetDateTimeOffset(), task.GetProperty("dueAt").GetDateTimeOffset());
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        Assert.DoesNotContain(await users.QueueAsync(Police), t => IsTask(t, id, "JointWork"));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory, "TaxAgency")]
    [InlineData(HostBackend.SqliteInMemory, "LicensingUnit")]
    [InlineData(HostBackend.SqliteInMemory, "RescueService")]
    [InlineData(HostBackend.PostgresRabbitMq, "TaxAgency")]
    [InlineData(HostBackend.PostgresRabbitMq, "LicensingUnit")]
    public async Task An_agency_that_takes_part_in_inspections_only_is_refused_as_a_party_naming_parties_and_nothing_is_recorded(HostBackend backend, string party)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "sharing-inspection-parties");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);

        var alone = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", party), HttpStatusCode.BadRequest);
        var withPolice = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.Provision("Police", party), HttpStatusCode.BadRequest);

        Assert.Equal(["parties[0]"], ErrorFields(alone));
        Assert.Contains("inspections", alone.GetProperty("errors").GetProperty("parties[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["parties[1]"], ErrorFields(withPolice));

        // Nothing was recorded: no basis, no task, no chronology entry, no audit entry of a disclosure.
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<SharingBasis>().CountAsync(b => b.ConcernId == id)));
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id && t.Kind == Contracts.Concerns.AgencyTaskKind.JointWork)));
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.ConcernId == id && (e.Kind == "LegalBasisRecorded" || e.Kind == "ConcernShared"))));
        var subject = id.ToString();
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.SubjectId == subject && (e.Action == AuditAction.LegalBasisRecorded || e.Action == AuditAction.Disclosure))));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_basis_that_names_the_tax_agency_shares_nothing_with_it(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "sharing-tax-agency");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();

        // A basis recorded before the API refused such parties names the police and the tax agency,
        // and offered the tax agency a joint-work task.
        await host.WithDatabaseAsync(async db =>
        {
            var concern = await db.Set<Workflows.Concerns.Concern>().SingleAsync(c => c.Id == id);
            var agencies = await db.Agencies.Where(a => a.MunicipalityId == concern.MunicipalityId && (a.Kind == AgencyKind.Police || a.Kind == AgencyKind.TaxAgency)).Select(a => a.Id).ToListAsync();
            var tax = await db.Agencies.Where(a => a.MunicipalityId == concern.MunicipalityId && a.Kind == AgencyKind.TaxAgency).Select(a => a.Id).SingleAsync();
            var coordinator = await db.Users.Where(u => u.Email == Coordinator).Select(u => u.Id).SingleAsync();
            db.Add(new SharingBasis
            {
                Id = Guid.NewGuid(), ConcernId = id, Kind = SharingBasisKind.Provision, Provision = "OSL 10 kap. 18 a §", WeighedBy = "Social services' coordinator",
                AgencyIds = agencies, RecordedByUserId = coordinator, RecordedAt = host.Clock.GetUtcNow(),
            });
            var now = host.Clock.GetUtcNow();
            db.Add(new AgencyTaskState
            {
                CorrelationId = Guid.NewGuid(), CurrentState = "Offered", ConcernId = id, MunicipalityId = concern.MunicipalityId, AgencyId = tax,
                Kind = AgencyTaskKind.JointWork, Title = "Joint work on a concern (SSPF): accept or decline", OfferedAt = now, DueAt = now.AddDays(5), EndsWithSharing = true,
            });
            return await db.SaveChangesAsync();
        });

        Assert.Equal("Shared", (await users.GetJsonAsync(Police, $"/api/concerns/{id}")).GetProperty("access").GetString());
        using (var read = await users.GetAsync(TaxWorker, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        Assert.Equal(0, (await users.GetJsonAsync(TaxWorker, "/api/concerns")).GetProperty("items").GetArrayLength());

        // Nor is its task in the tax agency's inbox.
        Assert.Equal(0, (await users.GetJsonAsync(TaxWorker, "/api/tasks/queue")).GetArrayLength());
        Assert.Equal(0, (await users.GetJsonAsync(TaxWorker, "/api/tasks/mine")).GetArrayLength());
    }

    private static List<string> ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
}
