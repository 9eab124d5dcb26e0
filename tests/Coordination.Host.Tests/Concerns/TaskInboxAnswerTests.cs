using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.TaskInboxPage;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Accepting and declining a joint-work task in the task inbox (/Tasks): the buttons are offered
/// only to whom <c>TaskCommands</c> lets answer, so staff are not offered a colleague's task only to
/// be refused.
/// </summary>
public sealed class TaskInboxAnswerTests
{
    private const string Police = PoliceInbox.Police;
    private const string PoliceManager = "police.manager@alvby.demo";
    private const string PoliceCoordinator = "police.coordinator@alvby.demo";

    [Fact]
    public async Task Accept_and_decline_are_not_offered_on_a_colleagues_task_but_are_to_its_owner()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var task = await PoliceTaskAsync(host, users);
        using var police = await SignedInAsync(host, Police);

        // Offered to the agency and held by nobody: the officer may answer it.
        var offered = Row(await PageAsync(police, "/Tasks"), "queue", task);
        Assert.Contains("handler=Accept", offered, StringComparison.Ordinal);
        Assert.Contains("handler=Decline", offered, StringComparison.Ordinal);

        // The manager gives it to the police coordinator: the officer still sees it, without the answer.
        var coordinator = await host.UserIdAsync(PoliceCoordinator);
        await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/reassign", new { userId = coordinator }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.OwnerUserId == coordinator), "the task the coordinator's");
        var colleagues = Row(await PageAsync(police, "/Tasks"), "queue", task);
        Assert.NotEmpty(colleagues);
        Assert.DoesNotContain("handler=Accept", colleagues, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Decline", colleagues, StringComparison.Ordinal);
        Assert.DoesNotContain("Skäl att avböja", colleagues, StringComparison.Ordinal);

        // Its owner is offered both, among their own tasks.
        using var owner = await SignedInAsync(host, PoliceCoordinator);
        var owners = Row(await PageAsync(owner, "/Tasks"), "mine", task);
        Assert.Contains("handler=Accept", owners, StringComparison.Ordinal);
        Assert.Contains("handler=Decline", owners, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_decline_reason_is_shown_again_in_its_field_as_typed_with_the_error()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var task = await PoliceTaskAsync(host, users);
        using var police = await SignedInAsync(host, Police);
        var field = $"reason-{task:N}";

        // The field takes no more than the command does.
        Assert.Contains($"id=\"{field}\" name=\"reason\" maxlength=\"1000\"", Row(await PageAsync(police, "/Tasks"), "queue", task), StringComparison.Ordinal);

        foreach (var (reason, error) in new[]
        {
            ("Ingen patrull\u000Bden veckan", "Texten får inte innehålla styrtecken"),
            (new string('x', 1001), "Skriv varför ni avböjer (högst 1000 tecken)."),
        })
        {
            using var refused = await PageForms.PostAsync(police, $"/Tasks?id={task}&handler=Decline", await PageForms.AntiforgeryTokenAsync(police, "/Tasks"), [new("reason", reason)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var row = Row(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), "queue", task);
            Assert.Contains($"<p class=\"error-message\" id=\"{field}-error\">{error}", row, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}\" name=\"reason\" value=\"{reason}\"", row, StringComparison.Ordinal);
        }

        Assert.False(await host.WithDatabaseAsync(db => db.Set<AgencyTaskAnswer>().AnyAsync(a => a.TaskId == task)));
    }

    /// <summary>
    /// A decline posted without a form (a script sending the antiforgery token as a header and a
    /// JSON body) is refused like a decline without a reason, not answered with a server error.
    /// </summary>
    [Fact]
    public async Task A_decline_posted_without_a_form_is_refused_as_without_a_reason_not_a_server_error()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var task = await PoliceTaskAsync(host, users);
        using var police = await SignedInAsync(host, Police);
        var token = await PageForms.AntiforgeryTokenAsync(police, "/Tasks");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Tasks?id={task}&handler=Decline")
        {
            Content = new StringContent("{\"reason\":\"Ingen patrull\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var refused = await police.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Skriv varför ni avböjer", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<AgencyTaskAnswer>().AnyAsync(a => a.TaskId == task)));
    }

    /// <summary>A concern shared with the police, and the joint-work task offered to them.</summary>
    private static async Task<Guid> PoliceTaskAsync(SecurityHost host, ApiUsers users)
    {
        var id = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, id, "Police");
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork), "the police task offered");
        return await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork).Select(t => t.CorrelationId).SingleAsync());
    }
}
