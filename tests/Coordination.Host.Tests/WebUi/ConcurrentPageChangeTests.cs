using System.Net;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// A page's change that meets another change of the same record at the same moment is not saved,
/// and the browser is told so in its language: the API's 409 problem details were shown to it as
/// raw JSON. The visit's checklist, a long form filled in on a tablet, and the forms of a concern's
/// and a supervision case's pages, where officials write at length, are shown again as filled in.
/// </summary>
public sealed class ConcurrentPageChangeTests
{
    private const string Officer = "licensing.staff@alvby.demo";
    private const string Note = "Uteserveringen saknar avgränsning mot gatan.";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_checklist_saved_as_another_visit_of_the_venue_is_saved_is_shown_again_as_filled_in_and_saved_when_sent_again(HostBackend backend)
    {
        Func<Task>? other = null;
        var interceptor = new OtherFirst(() => other!())
        {
            When = context => other is not null && context.ChangeTracker.Entries<Visit>().Any(e => e.State == EntityState.Added),
        };
        await using var scenario = await StartAsync(backend, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var (venueId, thursday, friday) = await scenario.ReInspectionDueNextWeekAsync();
        other = async () =>
        {
            using var answer = await scenario.RecordVisitAsync(friday, venueId, new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero), Item("serving.outdoor-area", "Ok"));
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        };
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Checklist?roundId={thursday}&venueId={venueId}";
        List<KeyValuePair<string, string>> form =
        [
            new("Input.Started", "21:30"), new("Input.Ended", "22:15"), new("Input.Present", "Lena Licens\nPer Polis"),
            new("Input.Items[0].Code", "serving.outdoor-area"), new("Input.Items[0].Result", "Remark"), new("Input.Items[0].Note", Note),
        ];

        using (var refused = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.True(interceptor.Fired);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}: {html[..Math.Min(html.Length, 300)]}");
            Assert.Contains("Någon annan ändrade samma runda eller besöksställe medan besöket sparades", html, StringComparison.Ordinal);
            Assert.Contains(Note, html, StringComparison.Ordinal);
            Assert.Contains("Per Polis", html, StringComparison.Ordinal);
        }

        Assert.False(await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().AnyAsync(v => v.RoundId == thursday)));
        using (var saved = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.StartsWith("/Inspections/Visit", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var visit = await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().Include(v => v.Entries).SingleAsync(v => v.RoundId == thursday));
        Assert.Equal(Note, Assert.Single(visit.Entries, e => e.Result == ChecklistResult.Remark).Note);
    }

    /// <summary>Any other page's change met so gets the status page saying what happened, with a way back to the page, not JSON.</summary>
    [Fact]
    public async Task An_outcome_decided_on_the_visit_page_as_another_is_saved_gets_the_status_page_saying_so_and_nothing_is_saved()
    {
        Func<Task>? other = null;
        var interceptor = new OtherFirst(() => other!())
        {
            When = context => other is not null && context.ChangeTracker.Entries<Visit>().Any(e => e.State == EntityState.Modified),
        };
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var venueId = await scenario.RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        Guid visitId;
        using (var recorded = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.outdoor-area", "Remark", "Not marked off.")))
        {
            visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        other = () => scenario.Officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "MinorRemarks" });
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Visit?id={visitId}";
        using var refused = await PageForms.PostAsync(browser, $"{page}&handler=Outcome", await PageForms.AntiforgeryTokenAsync(browser, page), [new("Input.Outcome", "MinorRemarks")]);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.True(interceptor.Fired);
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}: {html[..Math.Min(html.Length, 300)]}");
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("<h1>Någon annan ändrade samtidigt</h1>", html, StringComparison.Ordinal);
        Assert.Equal(page, RefusedForms.BackLink(html, "Tillbaka till sidan du kom från"));
        Assert.Equal(1, await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>().CountAsync(t => t.VenueId == venueId && t.Kind == InspectionTaskKind.ReInspectVenue)));
    }

    /// <summary>
    /// A consent recorded on the case page as a colleague withdraws another one: the case's sharing
    /// changed meanwhile, so it is not saved, and the form is shown again as filled in, saying so
    /// (it showed the status page, and what was typed was gone); sent again, it is saved.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_consent_recorded_on_the_case_page_as_another_is_withdrawn_is_shown_again_as_filled_in_and_saved_when_sent_again(HostBackend backend)
    {
        Func<Task>? other = null;
        var interceptor = new OtherFirst(() => other!())
        {
            When = context => other is not null && context.ChangeTracker.Entries<SharingBasis>().Any(e => e.State == EntityState.Added),
        };
        await using var host = (await SecurityHost.CreateAsync(backend, "concurrent-case-page"))
            .WithServices(services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var policeConsent = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.ConcernId == id).Select(b => b.Id).SingleAsync());
        other = async () =>
        {
            using var withdrawn = await users.PostAsync(Caseworkers.Coordinator, $"/api/concerns/{id}/legal-bases/{policeConsent}/withdrawal");
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        };
        using var browser = await InspectionsClient.BrowserAsync(host, Caseworkers.Coordinator, allowAutoRedirect: false);

        var page = $"/Concerns/Case/{id}";
        const string Scope = "Skolnärvaro och kontakter med fritidsgården, enligt samtalet den 23 november.";
        List<KeyValuePair<string, string>> form =
        [
            new("Basis.Kind", "Consent"), new("Basis.Parties", "School"), new("Basis.GivenBy", "Guardians"), new("Basis.GivenOn", "2026-11-23"),
            new("Basis.DocumentReference", "Samtycke 2026-131"), new("Basis.Scope", Scope),
        ];

        using (var refused = await PageForms.PostAsync(browser, $"{page}?handler=LegalBasis", await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.True(interceptor.Fired);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}: {html[..Math.Min(html.Length, 300)]}");
            Assert.Contains("Någon annan ändrade ärendet medan din ändring sparades", html, StringComparison.Ordinal);
            Assert.Contains(Scope, html, StringComparison.Ordinal);
            Assert.Contains("Samtycke 2026-131", html, StringComparison.Ordinal);
        }

        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<SharingBasis>().CountAsync(b => b.ConcernId == id)));
        using (var saved = await PageForms.PostAsync(browser, $"{page}?handler=LegalBasis", await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var school = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().SingleAsync(b => b.ConcernId == id && b.Id != policeConsent));
        Assert.Equal(Scope, school.Scope);
        await users.WaitForTaskAsync(Caseworkers.Teacher, id, "JointWork");
    }

    /// <summary>
    /// A supervision case decided on its page as a colleague enters the licensee's reply, which
    /// arrived in time and is entered late: the case changed meanwhile, so the decision is not
    /// saved, and its form is shown again with the reasons as typed, beside the reply now on the
    /// case (it showed the status page, and the reasons were gone); sent again, it is saved.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_decision_on_the_supervision_case_page_as_a_reply_is_entered_is_shown_again_as_filled_in_and_saved_when_sent_again(HostBackend backend)
    {
        Func<Task>? other = null;
        var interceptor = new OtherFirst(() => other!())
        {
            When = context => other is not null && context.ChangeTracker.Entries<SupervisionCase>().Any(e => e.State == EntityState.Modified),
        };
        await using var scenario = await StartAsync(backend, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "Vi föreslår en varning." });
        var due = communicated.GetProperty("replyDueAt").GetDateTimeOffset();
        scenario.Host.Clock.AdvanceTo(due.AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", scenario.Host.Clock.TickSecond);
        const string Reply = "Vi har utbildat personalen och anställt fler ordningsvakter.";
        other = async () =>
        {
            using var replied = await scenario.Officer.PostAsync($"{path}/reply", new { receivedAt = due.AddDays(-1), text = Reply });
            Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        };
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Case?id={caseId}";
        const string Reasons = "Två underåriga serverades öl och flera kraftigt berusade gäster fanns i lokalen; en erinran är inte tillräcklig.";
        List<KeyValuePair<string, string>> form = [new("Input.Sanction", "Varning"), new("Input.Justification", Reasons)];

        using (var refused = await PageForms.PostAsync(browser, $"{page}&handler=Decision", await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.True(interceptor.Fired);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}: {html[..Math.Min(html.Length, 300)]}");
            Assert.Contains("Någon annan ändrade ärendet medan din ändring sparades", html, StringComparison.Ordinal);
            Assert.Contains(Reasons, html, StringComparison.Ordinal);
            Assert.Contains(Reply, html, StringComparison.Ordinal);
        }

        Assert.Equal("AwaitingDecision", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
        using (var saved = await PageForms.PostAsync(browser, $"{page}&handler=Decision", await PageForms.AntiforgeryTokenAsync(browser, page), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var decided = await scenario.SupervisionCaseAsync(caseId);
        Assert.Equal(Reasons, decided.GetProperty("justification").GetString());
        Assert.Equal(Reply, decided.GetProperty("reply").GetString());
        Assert.Equal(1, await scenario.Host.WithDatabaseAsync(db => db.Set<VenueHistoryEntry>().CountAsync(e => e.VenueId == venueId && e.Kind == VenueHistoryKind.SanctionDecided)));
    }
}
