using System.Net;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.TaskInboxPage;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The task inbox (/Tasks) narrowed by kind, agency and "only overdue", soonest deadline first:
/// the police of the local area work in both demo municipalities and filter one at a time. The
/// live lists and the actions keep the filter; a value the form cannot send is named at its field
/// and lists nothing, so an agency the user does not work in never shows more.
/// </summary>
public sealed class TaskInboxFilterTests
{
    private const string Police = PoliceInbox.Police;
    private const string Reception = "social.staff@alvby.demo";
    private const string NoneMatch = "Inga uppgifter stämmer med filtret.";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_inbox_is_narrowed_by_kind_agency_and_overdue_and_sorted_by_deadline_soonest_first(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "inbox-filter");
        using var users = new ApiUsers(host);
        var inbox = await PoliceInbox.ArrangeAsync(host, users);
        using var police = await SignedInAsync(host, Police);

        // Offered Älvby, Sjöstad, plan action; due plan action, Älvby, Sjöstad.
        var all = await PageAsync(police, "/Tasks");
        Assert.Equal([inbox.PlanAction, inbox.AlvbyJointWork, inbox.SjostadJointWork], Rows(all, "queue"));
        Assert.Contains("Mina verksamheters kö <span class=\"count\">(3)</span>", all, StringComparison.Ordinal);
        Assert.Contains("Du har inga öppna uppgifter.", all, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{inbox.SjostadPolice}\">", all, StringComparison.Ordinal);

        Assert.Equal([inbox.AlvbyJointWork, inbox.SjostadJointWork], Rows(await PageAsync(police, "/Tasks?kind=JointWork"), "queue"));
        Assert.Equal([inbox.PlanAction], Rows(await PageAsync(police, "/Tasks?kind=PlanAction"), "queue"));
        Assert.Equal([inbox.SjostadJointWork], Rows(await PageAsync(police, $"/Tasks?agencyId={inbox.SjostadPolice}"), "queue"));
        Assert.Equal([inbox.PlanAction, inbox.AlvbyJointWork], Rows(await PageAsync(police, $"/Tasks?agencyId={inbox.AlvbyPolice}"), "queue"));

        // Nothing of the kind in the chosen agency: the list says the filter, not the queue, is empty.
        var none = await PageAsync(police, $"/Tasks?kind=PlanAction&agencyId={inbox.SjostadPolice}");
        Assert.Empty(Rows(none, "queue"));
        Assert.Contains("Mina verksamheters kö <span class=\"count\">(0)</span>", none, StringComparison.Ordinal);
        Assert.Contains($"<p id=\"queue-empty\">{NoneMatch}</p>", none, StringComparison.Ordinal);
        Assert.Contains($"<p id=\"mine-empty\">{NoneMatch}</p>", none, StringComparison.Ordinal);
        Assert.DoesNotContain("Kön är tom.", none, StringComparison.Ordinal);

        // The day after the plan action's date, it alone is overdue.
        host.Clock.Advance(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero) - host.Clock.GetUtcNow());
        using var nextDay = await SignedInAsync(host, Police);
        var overdue = await PageAsync(nextDay, "/Tasks?overdue=true");
        Assert.Equal([inbox.PlanAction], Rows(overdue, "queue"));
        Assert.Contains("checked=\"checked\"", overdue, StringComparison.Ordinal);
        Assert.Empty(Rows(await PageAsync(nextDay, $"/Tasks?overdue=true&agencyId={inbox.SjostadPolice}"), "queue"));

        // A user of one agency is offered no agency filter, and may still name their own agency.
        using var reception = await SignedInAsync(host, Reception);
        var receptionPage = await PageAsync(reception, "/Tasks");
        Assert.Contains("id=\"kind\"", receptionPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"agencyId\"", receptionPage, StringComparison.Ordinal);
        Assert.NotEmpty(Rows(await PageAsync(reception, $"/Tasks?kind=ProtectiveAssessment&agencyId={inbox.AlvbySocialServices}"), "queue"));
    }

    [Theory]
    [InlineData("kind=Gambling", "kind", "Den typen av uppgift finns inte. Välj en typ i listan.")]
    [InlineData("kind=3", "kind", "Den typen av uppgift finns inte. Välj en typ i listan.")]
    [InlineData("kind=JointWork&kind=PlanAction", "kind", "Den typen av uppgift finns inte. Välj en typ i listan.")]
    [InlineData("agencyId=police", "agencyId", "Du arbetar inte i den verksamheten. Välj en av dina verksamheter i listan.")]
    [InlineData("agencyId={other}", "agencyId", "Du arbetar inte i den verksamheten. Välj en av dina verksamheter i listan.")]
    [InlineData("agencyId={unknown}", "agencyId", "Du arbetar inte i den verksamheten. Välj en av dina verksamheter i listan.")]
    [InlineData("overdue=yes", "overdue", "Kryssa i rutan eller lämna den tom.")]
    [InlineData("reminded=yes", "reminded", "Kryssa i rutan eller lämna den tom.")]
    public async Task A_filter_value_the_form_cannot_send_is_named_at_its_field_and_lists_nothing(string query, string field, string message)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var inbox = await PoliceInbox.ArrangeAsync(host, users);
        using var police = await SignedInAsync(host, Police);
        query = query.Replace("{other}", inbox.AlvbySocialServices.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        using var response = await police.GetAsync(new Uri("/Tasks?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<a href=\"#{field}\">{message}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}\"", page, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"error-message\" id=\"{field}-error\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-task-id", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"task-lists\"", page, StringComparison.Ordinal);

        // In English too.
        using var english = new HttpRequestMessage(HttpMethod.Get, "/Tasks?" + query);
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        using var englishResponse = await police.SendAsync(english);
        var englishPage = WebUtility.HtmlDecode(await englishResponse.Content.ReadAsStringAsync());
        Assert.Contains("<h2 id=\"error-summary-title\">", englishPage, StringComparison.Ordinal);
        Assert.DoesNotContain(message, englishPage, StringComparison.Ordinal);

        // The live lists refuse the same address rather than list more.
        using var lists = await police.GetAsync(new Uri("/Tasks?handler=Lists&" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, lists.StatusCode);
        Assert.DoesNotContain("data-task-id", await lists.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_lists_apply_the_pages_filter_and_an_action_returns_to_the_filtered_view()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var inbox = await PoliceInbox.ArrangeAsync(host, users);
        using var police = await SignedInAsync(host, Police);

        var lists = await PageAsync(police, "/Tasks?handler=Lists&kind=JointWork");
        Assert.Equal([inbox.AlvbyJointWork, inbox.SjostadJointWork], Rows(lists, "queue"));
        Assert.DoesNotContain("<html", lists, StringComparison.Ordinal);
        Assert.Equal([inbox.SjostadJointWork], Rows(await PageAsync(police, $"/Tasks?handler=Lists&agencyId={inbox.SjostadPolice}"), "queue"));
        Assert.Equal([inbox.PlanAction, inbox.AlvbyJointWork, inbox.SjostadJointWork], Rows(await PageAsync(police, "/Tasks?handler=Lists"), "queue"));

        // The task's forms post with the filter, and the answer leads back to it.
        var filtered = $"/Tasks?agencyId={inbox.SjostadPolice}";
        var page = await PageAsync(police, filtered);
        var claim = $"/Tasks?agencyId={inbox.SjostadPolice}&id={inbox.SjostadJointWork}&handler=Claim";
        Assert.Equal(claim, Regex.Match(page, "action=\"(?<action>[^\"]*handler=Claim[^\"]*)\"").Groups["action"].Value);
        using (var claimed = await PageForms.PostAsync(police, claim, await PageForms.AntiforgeryTokenAsync(police, filtered), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
            Assert.Equal(filtered, claimed.Headers.Location?.OriginalString);
        }

        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == inbox.SjostadJointWork && t.CurrentState == "Claimed"), "the Sjöstad task claimed");
        var after = await PageAsync(police, filtered);
        Assert.Contains("Du har tagit uppgiften.", after, StringComparison.Ordinal);
        Assert.Equal([inbox.SjostadJointWork], Rows(after, "mine"));
        Assert.Empty(Rows(await PageAsync(police, $"/Tasks?agencyId={inbox.AlvbyPolice}"), "mine"));
    }
}
