using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A task list shows the tasks of concerns about young people: which concern, what the agency is to
/// do (a plan action's text), by when and who holds it. The list of concerns audits each row it
/// shows; the task lists (the API's and the task page's) audited none, so nobody could tell who had
/// seen that the police were asked to work with a child. Now each task row shown is one read.
/// </summary>
public sealed class TaskListReadAuditTests
{
    private const string Police = "police.staff@alvby.demo";
    private const string Reception = "social.staff@alvby.demo";
    private const string Auditor = "social.auditor@alvby.demo";

    [Fact]
    public async Task Each_task_row_shown_in_a_task_list_is_one_audited_read_naming_its_concern_and_basis()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, id, "Police");
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork), "the police's task offered");
        var tasks = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == id).ToDictionaryAsync(t => t.Kind, t => t.CorrelationId));
        var before = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync());

        // The police's queue through the API; an empty list and a filter that shows nothing read nothing.
        Assert.Contains(tasks[AgencyTaskKind.JointWork], Ids(await users.GetJsonAsync(Police, "/api/tasks/queue")));
        Assert.Empty(Ids(await users.GetJsonAsync(Police, "/api/tasks/mine")));
        Assert.Empty(Ids(await users.GetJsonAsync(Police, "/api/tasks/queue?kind=PlanAction")));

        // Reception's task page: the protective assessment in the queue.
        using (var browser = await users.BrowserAsync(Reception))
        using (var page = await browser.GetAsync(new Uri("/Tasks", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(tasks[AgencyTaskKind.ProtectiveAssessment].ToString(), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var reads = await host.WithDatabaseAsync(db => db.Set<AuditEntry>()
            .Where(e => e.Sequence > before && e.Action == AuditAction.PersonalDataRead && e.SubjectType == "AgencyTask")
            .OrderBy(e => e.Sequence)
            .ToListAsync());
        Assert.Equal(
            [
                (Police, tasks[AgencyTaskKind.JointWork].ToString(), "Consent", "task list (queue)"),
                (Reception, tasks[AgencyTaskKind.ProtectiveAssessment].ToString(), "Social services of the municipality", "task list (queue)"),
            ],
            reads.Select(e => (e.Actor, e.SubjectId, e.Basis.Split(' ')[0] == "Consent" ? "Consent" : e.Basis, e.Detail.Split(';')[0])));
        Assert.All(reads, e => Assert.Contains($"concern {id}", e.Detail, StringComparison.Ordinal));
        Assert.All(reads, e => Assert.DoesNotContain("Alva", e.Detail + e.Basis, StringComparison.Ordinal));

        // Who saw anything of the concern: the auditor finds the task rows by the concern's id too.
        var found = await users.GetJsonAsync(Auditor, $"/api/audit/entries?subjectId={id}&action=PersonalDataRead");
        Assert.Equal(2, found.EnumerateArray().Count(e => e.GetProperty("subjectType").GetString() == "AgencyTask"));
    }

    private static List<Guid> Ids(System.Text.Json.JsonElement list) => [.. list.EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];
}
