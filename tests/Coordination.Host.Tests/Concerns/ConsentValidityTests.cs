using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A consent valid until a date (DOMAIN.md: the consent record has its dates) ends by itself at
/// the start of the day after, as a withdrawal does: the agencies it alone shared with lose the
/// concern and their tasks. Withdrawn before, its timer is gone and nothing happens at the date.
/// </summary>
public sealed class ConsentValidityTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    private static readonly DateTimeOffset EndOf25November = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_consent_valid_until_a_date_ends_sharing_and_the_police_task_the_day_after(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "consent-validity");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var recorded = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ValidUntil("2026-11-25", "Police"), HttpStatusCode.Created);
        var basisId = recorded.GetProperty("id").GetGuid();
        var task = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();
        var basis = (await users.ConcernAsync(id)).GetProperty("legalBases").EnumerateArray().Single();
        Assert.Equal("2026-11-25", basis.GetProperty("validUntil").GetString());
        Assert.Equal(EndOf25November, basis.GetProperty("endsAt").GetDateTimeOffset());

        // The last day is still shared.
        host.Clock.AdvanceTo(EndOf25November - TimeSpan.FromMinutes(1));
        host.Clock.TickSecond();
        using (var during = await users.GetAsync(Police, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        }

        // The day after, the consent has ended: the police no longer see the concern, their task is cancelled.
        host.Clock.AdvanceTo(EndOf25November + TimeSpan.FromSeconds(1));
        var ended = await users.WaitForConcernAsync(
            id, c => c.GetProperty("legalBases").EnumerateArray().Single().GetProperty("withdrawnAt").ValueKind != JsonValueKind.Null, "the consent ended");
        basis = ended.GetProperty("legalBases").EnumerateArray().Single();
        Assert.True(basis.GetProperty("expired").GetBoolean());
        Assert.Equal(EndOf25November, basis.GetProperty("withdrawnAt").GetDateTimeOffset());
        using (var after = await users.GetAsync(Police, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.CurrentState).SingleAsync()),
            state => state == "Cancelled",
            WorkflowWait,
            "the police's task cancelled",
            host.Clock.TickSecond);
        var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
        Assert.Contains(chronology.EnumerateArray(), e => e.GetProperty("kind").GetString() == "ConsentExpired");
        var audit = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.LegalBasisWithdrawn && e.SubjectId == id.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(ConsentEnd.Actor, entry.Actor);
        Assert.Contains(basisId.ToString(), entry.Basis, StringComparison.Ordinal);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<ConsentEndState>().AnyAsync(s => s.CorrelationId == basisId)));
    }

    /// <summary>
    /// The end is carried out by a timer's message; until that is consumed (moments, or the
    /// start-up after downtime) the basis is still recorded as in force. Reads and actions decide
    /// from the clock, so the police see nothing and can do nothing from the first second after.
    /// </summary>
    [Fact]
    public async Task A_consent_past_its_last_day_shares_nothing_before_its_end_is_carried_out()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var basisId = (await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ValidUntil("2026-11-25", "Police"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var task = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConsentEndState>().AnyAsync(s => s.CorrelationId == basisId)), started => started, WorkflowWait, "the consent's end scheduled", host.Clock.TickSecond);

        // The timers held back, as while the host is down: the end is due but not carried out.
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        host.Clock.AdvanceTo(EndOf25November + TimeSpan.FromSeconds(1));
        Assert.Null(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.Id == basisId).Select(b => b.WithdrawnAt).SingleAsync()));

        using (var read = await users.GetAsync(Police, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        Assert.DoesNotContain(id, (await users.GetJsonAsync(Police, "/api/concerns")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(await users.QueueAsync(Police), t => t.GetProperty("id").GetGuid() == task);
        var accepted = await users.PostJsonAsync(Police, $"/api/tasks/{task}/accept", new { }, HttpStatusCode.Conflict);
        Assert.Equal("Sharing ended", accepted.GetProperty("title").GetString());

        // Nor does a commitment plan give the police an action: it would be a task the end, when
        // carried out, does not cancel (it was offered after the consent's last day).
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[] { new { what = "Talk with Alva", agency = "Police", byDate = "2026-12-18" } },
        }, HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].agency"], plan.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Social services still see the consent as it stands, and the end follows when the timers run.
        await scheduler.Start();
        await users.WaitForConcernAsync(
            id, c => c.GetProperty("legalBases").EnumerateArray().Single().GetProperty("expired").GetBoolean(), "the consent ended");
    }

    [Fact]
    public async Task A_consent_withdrawn_before_its_last_day_leaves_no_timer_and_stays_withdrawn_by_its_coordinator()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var basisId = (await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ValidUntil("2026-11-25", "Police"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConsentEndState>().AnyAsync(s => s.CorrelationId == basisId)), started => started, WorkflowWait, "the consent's end scheduled", host.Clock.TickSecond);

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{basisId}/withdrawal", new { }, HttpStatusCode.NoContent);
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConsentEndState>().AnyAsync(s => s.CorrelationId == basisId)), started => !started, WorkflowWait, "the consent's end cancelled", host.Clock.TickSecond);
        var withdrawnAt = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.Id == basisId).Select(b => b.WithdrawnAt).SingleAsync());

        host.Clock.AdvanceTo(EndOf25November + TimeSpan.FromHours(1));
        for (var i = 0; i < 5; i++)
        {
            host.Clock.TickSecond();
        }

        var basis = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AsNoTracking().SingleAsync(b => b.Id == basisId));
        Assert.Equal(withdrawnAt, basis.WithdrawnAt);
        Assert.NotNull(basis.WithdrawnByUserId);
        Assert.False(basis.Expired);
        var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
        Assert.DoesNotContain(chronology.EnumerateArray(), e => e.GetProperty("kind").GetString() == "ConsentExpired");
    }

    [Theory]
    [InlineData("2026-11-22", "validUntil", "past day")]
    [InlineData("25/11/2026", "validUntil", "YYYY-MM-DD")]
    public async Task A_validity_that_cannot_be_is_refused_at_its_field(string validUntil, string field, string says)
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var problem = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ValidUntil(validUntil, "Police"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains(says, StringComparison.Ordinal));
        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id)));
    }

    /// <summary>
    /// A consent is valid at most until 31 December of the fifth year after the current one
    /// (CaseDates). Before, a last day of 9999-12-31 had no day after for its end to start on: the
    /// request answered 500 before its other fields were checked, and so did the case page's form.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_consent_valid_past_the_fifth_year_ahead_is_refused_at_its_last_day_while_one_to_that_years_end_ends_then(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "consent-far-ahead");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var path = $"/api/concerns/{id}/legal-bases";

        foreach (var validUntil in new[] { "9999-12-31", "2032-01-01" })
        {
            var problem = await users.PostJsonAsync(Coordinator, path, ValidUntil(validUntil, "Police"), HttpStatusCode.BadRequest);
            Assert.Equal(["validUntil"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Contains("no later than 2031-12-31", problem.GetProperty("errors").GetProperty("validUntil")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id)));

        var basisId = (await users.PostJsonAsync(Coordinator, path, ValidUntil("2031-12-31", "Police"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var basis = (await users.ConcernAsync(id)).GetProperty("legalBases").EnumerateArray().Single();
        Assert.Equal(new DateTimeOffset(2031, 12, 31, 23, 0, 0, TimeSpan.Zero), basis.GetProperty("endsAt").GetDateTimeOffset());
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConsentEndState>().AnyAsync(s => s.CorrelationId == basisId)), started => started, WorkflowWait, "the consent's end scheduled", host.Clock.TickSecond);
        await users.WaitForTaskAsync(Police, id, "JointWork");
    }

    [Fact]
    public async Task The_case_pages_consent_valid_until_the_calendars_last_day_is_shown_again_with_the_error_at_its_field()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();

        using var response = await users.PostFormAsync(Coordinator, $"/Concerns/Case/{id}", "LegalBasis",
        [
            new("Basis.Kind", "Consent"), new("Basis.Parties", "Police"), new("Basis.GivenBy", "Guardians"), new("Basis.GivenOn", "2026-11-20"),
            new("Basis.DocumentReference", "Samtycke 2026-118"), new("Basis.Scope", "School attendance"), new("Basis.ValidUntil", "9999-12-31"),
        ]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}{UnhandledExceptionHeader.Of(response)}");
        Assert.Contains("id=\"Basis_ValidUntil-error\"", html, StringComparison.Ordinal);
        Assert.Contains("senast 31 december det femte året efter i år", html, StringComparison.Ordinal);
        Assert.Matches("id=\"Basis_ValidUntil\"[^>]*value=\"9999-12-31\"", html);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id)));
    }

    /// <summary>
    /// A young person outside the municipality's age band cannot be shared with: the case page
    /// says so in the page's language. Before, it showed the API's English detail after the
    /// Swedish lead ("Den rättsliga grunden kunde inte registreras. Joint work in this …").
    /// </summary>
    [Fact]
    public async Task The_case_page_says_in_swedish_that_a_young_person_outside_the_age_band_cannot_be_shared_with()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var rulesPath = $"/api/municipalities/{await host.MunicipalityIdAsync("9901")}/routing-rules";
        var rules = System.Text.Json.Nodes.JsonNode.Parse((await users.GetJsonAsync(SocialAdministrator, rulesPath)).GetProperty("rules").GetRawText())!.AsObject();
        rules["ageBandFrom"] = 6;
        rules["ageBandTo"] = 10;
        using (var saved = await users.PutAsync(SocialAdministrator, rulesPath, rules))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var response = await users.PostFormAsync(Coordinator, $"/Concerns/Case/{id}", "LegalBasis",
        [
            new("Basis.Kind", "Consent"), new("Basis.Parties", "Police"), new("Basis.GivenBy", "Guardians"), new("Basis.GivenOn", "2026-11-20"),
            new("Basis.DocumentReference", "Samtycke 2026-118"), new("Basis.Scope", "School attendance"), new("Basis.ValidUntil", "2027-06-30"),
        ]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Den unga personen är utanför kommunens åldersgrupp för samverkan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Joint work in this municipality", html, StringComparison.Ordinal);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id)));
    }

    [Fact]
    public async Task A_provision_has_no_validity_date()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var path = $"/api/concerns/{id}/legal-bases";
        var provision = new { kind = "Provision", parties = new[] { "Police" }, provision = "OSL 10 kap. 18 a §", weighedBy = "Sara Socialsekreterare", validUntil = "2026-12-31" };
        var problem = await users.PostJsonAsync(Coordinator, path, provision, HttpStatusCode.BadRequest);
        Assert.Contains("Only a consent", problem.GetProperty("errors").GetProperty("validUntil")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id)));
    }

    private static object ValidUntil(string validUntil, params string[] parties) => new
    {
        kind = "Consent",
        parties,
        givenBy = "Guardians",
        givenOn = "2026-11-20",
        documentReference = "Samtycke 2026-118",
        scope = "School attendance, leisure and contacts with the police",
        validUntil,
    };
}
