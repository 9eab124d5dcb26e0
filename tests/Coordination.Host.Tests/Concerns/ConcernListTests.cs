using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// GET /api/concerns and the Ärenden page: each user finds again the concerns they may see, at
/// the level the case view gives them, and every row shown is one audited read.
/// </summary>
public sealed class ConcernListTests
{
    private const string Teacher = "school.staff@alvby.demo";
    private const string Coordinator = "social.coordinator@alvby.demo";
    private const string Reception = "social.staff@alvby.demo";
    private const string Police = "police.staff@alvby.demo";
    private const string SchoolManager = "school.manager@alvby.demo";
    private const string SjostadTeacher = "school.staff@sjostad.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Each_user_lists_the_concerns_they_may_see_at_their_level_and_each_row_shown_is_one_audited_read(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "concern-list");
        using var users = new ApiUsers(host);
        var alva = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern());
        var hidden = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern("20130601-1238", name: "Hemlig Person", protectedIdentity: true, categories: ["Violence"]));
        var closed = await RaiseAsync(host, users, Reception, ConcernRequests.Concern("20110909-4563", name: "Bo Avslutad", urgency: "Normal"));
        var sjostad = await RaiseAsync(host, users, SjostadTeacher, ConcernRequests.Concern(name: "Sjöstad Barn"));
        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{alva}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        await CaseJourney.ShareAsync(users, hidden, "Police");
        await CaseJourney.CloseAsync(host, users, closed);

        // Social services: every concern of their municipality, in full, newest first; open ones by default.
        Assert.Equal([hidden, alva], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns")));
        var all = await users.GetJsonAsync(Coordinator, "/api/concerns?status=all");
        Assert.Equal([closed, hidden, alva], Ids(all));
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.Equal("Full", i.GetProperty("access").GetString()));
        Assert.Equal([closed], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?status=closed")));
        var alvaRow = Row(all, alva);
        Assert.Equal("20120315-1236", alvaRow.GetProperty("youngPerson").GetProperty("personalIdentityNumber").GetString());
        Assert.Equal("ProtectiveAssessment", alvaRow.GetProperty("nextDeadline").GetProperty("step").GetString());
        Assert.Equal(JsonValueKind.Null, Row(all, closed).GetProperty("nextDeadline").ValueKind);

        // The police: the two shared with them, at the shared minimum; the protected identity hidden.
        var police = await users.GetJsonAsync(Police, "/api/concerns");
        Assert.Equal([hidden, alva], Ids(police));
        Assert.All(police.GetProperty("items").EnumerateArray(), i => Assert.Equal("Shared", i.GetProperty("access").GetString()));
        Assert.Equal("Skyddad identitet", Row(police, hidden).GetProperty("youngPerson").GetProperty("name").GetString());
        var policeText = police.GetRawText();
        Assert.DoesNotContain("Hemlig", policeText, StringComparison.Ordinal);
        Assert.DoesNotContain("20120315", policeText, StringComparison.Ordinal);
        Assert.DoesNotContain("Often absent", policeText, StringComparison.Ordinal);

        // The teacher: their two reports, with the date and the feedback only.
        var teacher = await users.GetJsonAsync(Teacher, "/api/concerns");
        Assert.Equal([hidden, alva], Ids(teacher));
        Assert.All(teacher.GetProperty("items").EnumerateArray(), i =>
            Assert.Equal(["id", "access", "raisedAt", "feedback"], i.EnumerateObject().Select(p => p.Name)));
        Assert.DoesNotContain("Alva", teacher.GetRawText(), StringComparison.Ordinal);

        // Nobody else of the school, and nothing of another municipality.
        Assert.Equal(0, (await users.GetJsonAsync(SchoolManager, "/api/concerns?status=all")).GetProperty("total").GetInt32());
        Assert.Equal([sjostad], Ids(await users.GetJsonAsync(SjostadTeacher, "/api/concerns")));

        // Each row shown was one read of that concern, named as a list read with its basis.
        var reads = await host.WithDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.PersonalDataRead && e.Detail.StartsWith("case list"))
            .Select(e => new { e.Actor, e.SubjectId, e.Basis })
            .ToListAsync());
        Assert.Equal(2 + 3 + 1 + 2 + 2 + 1, reads.Count);
        Assert.Equal(2, reads.Count(r => r.SubjectId == alva.ToString() && r.Actor == Coordinator));
        Assert.All(reads.Where(r => r.Actor == Police), r => Assert.StartsWith("Consent", r.Basis, StringComparison.Ordinal));
        Assert.All(reads.Where(r => r.Actor == Teacher), r => Assert.Equal("Reporter of the concern", r.Basis));

        // Withdrawing the consent takes the concern off the police's list at once.
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{alva}/legal-bases/{consent.GetProperty("id").GetGuid()}/withdrawal", new { }, HttpStatusCode.NoContent);
        Assert.Equal([hidden], Ids(await users.GetJsonAsync(Police, "/api/concerns")));
    }

    [Fact]
    public async Task The_list_is_filtered_by_category_urgency_name_and_personal_identity_number_and_paged_and_bad_values_are_named()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alva = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern());
        var bo = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern("20110909-4563", name: "Bo Ek", urgency: "Normal", categories: ["Drugs"]));
        var cid = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern("20100601-1231", name: "Cid Ek", categories: ["Drugs", "Violence"]));

        Assert.Equal([cid, bo], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?category=Drugs")));
        Assert.Equal([bo], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?urgency=normal")));
        Assert.Equal([cid, bo], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?q=%20ek%20")));
        Assert.Equal([alva], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?q=201203151236")));
        Assert.Equal([bo], Ids(await users.GetJsonAsync(Coordinator, "/api/concerns?q=110909-4563")));

        // A reporter's rows show no name, so a search finds none of them.
        Assert.Equal(0, (await users.GetJsonAsync(Teacher, "/api/concerns?q=Ek")).GetProperty("total").GetInt32());

        var second = await users.GetJsonAsync(Coordinator, "/api/concerns?pageSize=2&page=2");
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal([alva], Ids(second));

        using var bad = await users.GetAsync(Coordinator, $"/api/concerns?status=gone&category=1&urgency=Normal,Urgent&pageSize=0&page=x&q={new string('a', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await ApiUsers.JsonAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["status", "category", "urgency", "q", "page", "pageSize"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task The_cases_page_lists_the_rows_and_names_a_filter_it_cannot_use_at_its_field()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await RaiseAsync(host, users, Teacher, ConcernRequests.Concern());
        using var browser = await users.BrowserAsync(Coordinator);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/Concerns", UriKind.Relative)));
        Assert.Contains("Alva Exempel", page, StringComparison.Ordinal);
        Assert.Contains("Visar 1–1 av 1 ärenden.", page, StringComparison.Ordinal);

        using var bad = await browser.GetAsync(new Uri("/Concerns?category=Gambling", UriKind.Relative));
        var text = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("<a href=\"#category\">Värdet finns inte bland alternativen. Välj ett i listan.</a>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Alva Exempel", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A reporter's row shows the date and the feedback, not whether the concern is open. The
    /// status filter still applied to it: the teacher's unshared report left their default list
    /// (open) and appeared under "closed" the moment social services closed it. Now it is in every
    /// status of the list, before and after the close, while a report shared with the school,
    /// whose row shows Open or Closed, is filtered by it until the close ends the sharing (then it
    /// is a reporter's row too); the counts follow the rows.
    /// </summary>
    [Fact]
    public async Task A_reporters_own_row_is_in_every_status_of_their_list_before_and_after_the_close_while_a_shared_row_is_filtered()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var unshared = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern());
        var shared = await RaiseAsync(host, users, Teacher, ConcernRequests.Concern("20130601-1238", name: "Bo Ek"));
        await CaseJourney.ShareAsync(users, shared, "School");

        Assert.Equal([shared, unshared], Ids(await users.GetJsonAsync(Teacher, "/api/concerns")));
        var closedBefore = await users.GetJsonAsync(Teacher, "/api/concerns?status=closed");
        Assert.Equal([unshared], Ids(closedBefore));
        Assert.Equal(1, closedBefore.GetProperty("total").GetInt32());
        Assert.Equal([shared, unshared], Ids(await users.GetJsonAsync(Teacher, "/api/concerns?status=all")));
        using var browser = await users.BrowserAsync(Teacher);
        var closedPageBefore = await ListPageAsync(browser, "/Concerns?status=closed");
        Assert.Contains($"/Concerns/Case/{unshared}", closedPageBefore, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Concerns/Case/{shared}", closedPageBefore, StringComparison.Ordinal);
        Assert.Contains("Visar 1–1 av 1 ärenden.", closedPageBefore, StringComparison.Ordinal);

        await CaseJourney.CloseAsync(host, users, unshared);
        await CaseJourney.CloseAsync(host, users, shared);

        foreach (var status in new[] { "", "?status=open", "?status=closed", "?status=all" })
        {
            var list = await users.GetJsonAsync(Teacher, "/api/concerns" + status);
            Assert.Equal([shared, unshared], Ids(list));
            Assert.Equal(2, list.GetProperty("total").GetInt32());
            Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(["id", "access", "raisedAt", "feedback"], i.EnumerateObject().Select(p => p.Name)));
        }

        // The page: the closed reports still on the default list, counted with the rows shown.
        var page = await ListPageAsync(browser, "/Concerns");
        Assert.Contains($"/Concerns/Case/{unshared}", page, StringComparison.Ordinal);
        Assert.Contains($"/Concerns/Case/{shared}", page, StringComparison.Ordinal);
        Assert.Contains("Visar 1–2 av 2 ärenden.", page, StringComparison.Ordinal);
    }

    private static async Task<string> ListPageAsync(HttpClient browser, string address) =>
        WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri(address, UriKind.Relative)));

    [Fact]
    public async Task A_page_past_the_end_of_the_cases_shows_the_last_page_with_its_navigation()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        for (var i = 0; i < 26; i++)
        {
            await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        }

        using var browser = await users.BrowserAsync(Teacher, allowAutoRedirect: false);

        // An old link to page 5 of 25 rows each: the teacher's 26 reports fill two.
        using (var past = await browser.GetAsync(new Uri("/Concerns?page=5", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
            Assert.Equal("/Concerns?page=2", past.Headers.Location?.OriginalString);
        }

        var last = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/Concerns?page=2", UriKind.Relative)));
        Assert.Contains("Visar 26–26 av 26 ärenden.", last, StringComparison.Ordinal);
        Assert.Contains("<span>Sida 2 av 2</span>", last, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Concerns\" rel=\"prev\">", last, StringComparison.Ordinal);

        // The first page leads to the second; a page size given in the address is kept.
        var first = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/Concerns", UriKind.Relative)));
        Assert.Contains("<a href=\"/Concerns?page=2\" rel=\"next\">", first, StringComparison.Ordinal);
        using var sized = await browser.GetAsync(new Uri("/Concerns?pageSize=10&page=9", UriKind.Relative));
        Assert.Equal("/Concerns?page=3&pageSize=10", sized.Headers.Location?.OriginalString);
    }

    private static async Task<Guid> RaiseAsync(SecurityHost host, ApiUsers users, string reporter, object concern)
    {
        var raised = await users.PostJsonAsync(reporter, "/api/concerns", concern, HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<Workflows.Concerns.ConcernState>().AnyAsync(s => s.CorrelationId == id), $"concern {id} registered");

        // Apart in time, so that newest first is one order.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    private static JsonElement Row(JsonElement list, Guid id) => list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
}
