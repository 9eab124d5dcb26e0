using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.TaskInboxPage;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// GET /api/tasks/mine and /api/tasks/queue take the task inbox page's filter (kind, agency,
/// only overdue) with the same meaning: each answer lists what the page shows the same user for
/// the same query, and a value the page's form cannot send is a 400 naming the parameter that
/// lists nothing, so an agency the user does not work in never shows more.
/// </summary>
public sealed class TaskApiFilterTests
{
    private const string Police = PoliceInbox.Police;

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_task_api_is_narrowed_by_kind_agency_and_overdue_to_what_the_inbox_page_shows(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "task-api-filter");
        using var users = new ApiUsers(host);
        var inbox = await PoliceInbox.ArrangeAsync(host, users);
        await ClaimAsync(host, users, inbox.PlanAction);
        await ClaimAsync(host, users, inbox.SjostadJointWork);
        using var police = await users.BrowserAsync(Police, allowAutoRedirect: false);

        // Without a filter, every open task of the police's agencies, soonest deadline first, and their own two.
        await AssertSameAsPageAsync(users, police, "", queue: [inbox.PlanAction, inbox.AlvbyJointWork, inbox.SjostadJointWork], mine: [inbox.PlanAction, inbox.SjostadJointWork]);
        await AssertSameAsPageAsync(users, police, "kind=JointWork", queue: [inbox.AlvbyJointWork, inbox.SjostadJointWork], mine: [inbox.SjostadJointWork]);
        await AssertSameAsPageAsync(users, police, "kind=planaction", queue: [inbox.PlanAction], mine: [inbox.PlanAction]);
        await AssertSameAsPageAsync(users, police, $"agencyId={inbox.SjostadPolice}", queue: [inbox.SjostadJointWork], mine: [inbox.SjostadJointWork]);
        await AssertSameAsPageAsync(users, police, $"agencyId={inbox.AlvbyPolice}", queue: [inbox.PlanAction, inbox.AlvbyJointWork], mine: [inbox.PlanAction]);
        await AssertSameAsPageAsync(users, police, $"kind=PlanAction&agencyId={inbox.SjostadPolice}", queue: [], mine: []);
        await AssertSameAsPageAsync(users, police, "overdue=true", queue: [], mine: []);
        await AssertSameAsPageAsync(users, police, "overdue=false", queue: [inbox.PlanAction, inbox.AlvbyJointWork, inbox.SjostadJointWork], mine: [inbox.PlanAction, inbox.SjostadJointWork]);

        // An agency of the police's municipality that they do not work in widens nothing: it is refused by name.
        foreach (var list in new[] { "mine", "queue" })
        {
            await AssertRefusedAsync(users, inbox, $"/api/tasks/{list}?agencyId={inbox.AlvbySocialServices}", "agencyId", "Not an agency the user works in.");
        }

        // The day after the plan action's date, it alone is overdue.
        host.Clock.Advance(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero) - host.Clock.GetUtcNow());
        using var nextDay = await users.BrowserAsync(Police, allowAutoRedirect: false);
        await AssertSameAsPageAsync(users, nextDay, "overdue=true", queue: [inbox.PlanAction], mine: [inbox.PlanAction]);
        await AssertSameAsPageAsync(users, nextDay, $"overdue=TRUE&agencyId={inbox.SjostadPolice}", queue: [], mine: []);
        await AssertSameAsPageAsync(users, nextDay, "", queue: [inbox.PlanAction, inbox.AlvbyJointWork, inbox.SjostadJointWork], mine: [inbox.PlanAction, inbox.SjostadJointWork]);
    }

    [Fact]
    public async Task A_filter_value_the_page_cannot_send_is_a_400_naming_the_parameter_and_lists_nothing()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var inbox = await PoliceInbox.ArrangeAsync(host, users);
        await ClaimAsync(host, users, inbox.PlanAction);
        const string Unknown = "is not one of: ";
        const string NotYours = "Not an agency the user works in.";
        const string NotBoolean = "true or false.";
        const string Twice = "Give it once.";
        (string Query, string Field, string Message)[] cases =
        [
            ("kind=Gambling", "kind", Unknown),
            ("kind=3", "kind", Unknown),
            ("kind=JointWork,PlanAction", "kind", Unknown),
            ("kind=JointWork&kind=PlanAction", "kind", Twice),
            ("agencyId=police", "agencyId", NotYours),
            ($"agencyId={inbox.AlvbySocialServices}", "agencyId", NotYours),
            ($"agencyId={Guid.NewGuid()}", "agencyId", NotYours),
            ($"agencyId={inbox.AlvbyPolice}&agencyId={inbox.AlvbyPolice}", "agencyId", Twice),
            ("overdue=yes", "overdue", NotBoolean),
            ("overdue=1", "overdue", NotBoolean),
            ("overdue=true&overdue=true", "overdue", Twice),
            ("reminded=yes", "reminded", NotBoolean),
            ("reminded=true&reminded=false", "reminded", Twice),
        ];

        foreach (var (query, field, message) in cases)
        {
            foreach (var list in new[] { "mine", "queue" })
            {
                await AssertRefusedAsync(users, inbox, $"/api/tasks/{list}?{query}", field, message);
            }
        }

        // Every wrong value at once is named at once, as the case list names them.
        using var all = await users.GetAsync(Police, $"/api/tasks/queue?kind=x&agencyId={inbox.AlvbySocialServices}&overdue=maybe");
        var problem = await ApiUsers.JsonAsync(all, HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "agencyId", "overdue"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    /// <summary>Both lists of the API for <paramref name="query"/> are the tasks given, in that order, and what the page shows for it.</summary>
    private static async Task AssertSameAsPageAsync(ApiUsers users, HttpClient browser, string query, Guid[] queue, Guid[] mine)
    {
        var page = await PageAsync(browser, "/Tasks?" + query);
        foreach (var (list, expected) in new[] { ("queue", queue), ("mine", mine) })
        {
            var api = (await users.GetJsonAsync(Police, $"/api/tasks/{list}?{query}")).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
            Assert.True(expected.SequenceEqual(api), $"/api/tasks/{list}?{query}: [{string.Join(", ", api)}], expected [{string.Join(", ", expected)}]");
            Assert.True(Rows(page, list).SequenceEqual(api), $"/api/tasks/{list}?{query} differs from the page's {list} list");
        }
    }

    /// <summary>A 400 problem naming <paramref name="field"/> alone, with a message containing <paramref name="message"/>, and no task in it.</summary>
    private static async Task AssertRefusedAsync(ApiUsers users, PoliceInbox inbox, string path, string field, string message)
    {
        using var response = await users.GetAsync(Police, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("The request has invalid fields", problem.GetProperty("title").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(field, error.Name);
        Assert.Contains(message, Assert.Single(error.Value.EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(inbox.Tasks, task => body.Contains(task.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private static async Task ClaimAsync(SecurityHost host, ApiUsers users, Guid task)
    {
        using var claimed = await users.PostAsync(Police, $"/api/tasks/{task}/claim", new { });
        await ApiUsers.JsonAsync(claimed, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.CurrentState == "Claimed"), $"task {task} claimed");
    }
}
