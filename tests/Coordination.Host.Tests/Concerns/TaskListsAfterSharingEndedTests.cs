using System.Net;
using System.Text.Json;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Tasks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// From the moment a basis stops sharing a concern with an agency, the agency sees nothing of it
/// (docs/security.md). Its tasks are cancelled by their workflow a message later; until that
/// message was consumed (longer while the broker or the host is down) the task lists still showed
/// the tasks, the concern's id and a plan action's text: the inbox, <c>/api/tasks/queue</c> and
/// <c>/mine</c>, and the managers' overdue list and dashboard. The actions on them already
/// answered 409 <c>Sharing ended</c>; the lists now leave them out by the same check.
/// </summary>
public sealed class TaskListsAfterSharingEndedTests
{
    private const string LeisureWorker = "leisure.staff@alvby.demo";
    private const string LeisureManager = "leisure.manager@alvby.demo";
    private const string Action = "Meet A. weekly about drug use";
    private static readonly string[] Goals = ["Alva stays away from drugs"];

    [Fact]
    public async Task A_withdrawn_consents_tasks_leave_the_agencys_lists_and_the_overdue_list_before_their_cancellation_is_carried_out()
    {
        var held = new HeldMessage(m => m is SharingBasisWithdrawn);
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart).WithServices(s => s.AddConsumeObserver(_ => held));
        using var users = new Caseworkers(host);
        try
        {
            var id = await users.RaiseAndShareAsync("Leisure");
            var basisId = (await users.ConcernAsync(id)).GetProperty("legalBases").EnumerateArray().Single().GetProperty("id").GetGuid();
            var joint = (await users.WaitForTaskAsync(LeisureWorker, id, "JointWork")).GetProperty("id").GetGuid();
            await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
            {
                goals = Goals,
                actions = new object[] { new { what = Action, agency = "Leisure", byDate = "2026-11-25" } },
            }, HttpStatusCode.Created);
            var action = (await users.WaitForTaskAsync(LeisureWorker, id, "PlanAction")).GetProperty("id").GetGuid();
            using (var claimed = await users.PostAsync(LeisureWorker, $"/api/tasks/{action}/claim"))
            {
                Assert.True(claimed.IsSuccessStatusCode, $"claim: {(int)claimed.StatusCode}");
            }

            await Poll.UntilAsync(() => TaskIdsAsync(users, LeisureWorker, "/api/tasks/mine"), mine => mine.Contains(action), WorkflowWait, "the plan action claimed", host.Clock.TickSecond);

            // Past the action's date, while the consent is in force: the leisure worker and manager see it.
            host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
            Assert.Contains(action, await TaskIdsAsync(users, LeisureWorker, "/api/tasks/mine"));
            Assert.Contains(action, await TaskIdsAsync(users, LeisureWorker, "/api/tasks/queue"));
            Assert.Contains(action, await OverdueTaskIdsAsync(users));
            Assert.Contains(Action, await PageAsync(users, LeisureWorker, "/Tasks"), StringComparison.Ordinal);
            Assert.Contains($"/Concerns/Case/{id}", await PageAsync(users, LeisureManager, "/Dashboard"), StringComparison.Ordinal);

            // The consent withdrawn; the message that cancels the tasks is held back, as by a broker that is down.
            await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{basisId}/withdrawal", new { }, HttpStatusCode.NoContent);
            await held.Reached.Task.WaitAsync(WorkflowWait);
            Assert.Equal(2, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => (t.CorrelationId == joint || t.CorrelationId == action) && t.CurrentState != "Cancelled")));

            Assert.DoesNotContain(action, await TaskIdsAsync(users, LeisureWorker, "/api/tasks/mine"));
            var queue = await TaskIdsAsync(users, LeisureWorker, "/api/tasks/queue");
            Assert.DoesNotContain(action, queue);
            Assert.DoesNotContain(joint, queue);
            Assert.DoesNotContain(action, await OverdueTaskIdsAsync(users));
            Assert.DoesNotContain(joint, await OverdueTaskIdsAsync(users));
            var inbox = await PageAsync(users, LeisureWorker, "/Tasks");
            Assert.DoesNotContain(Action, inbox, StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), inbox, StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), await PageAsync(users, LeisureManager, "/Dashboard"), StringComparison.Ordinal);
            var refused = await users.PostJsonAsync(LeisureWorker, $"/api/tasks/{action}/complete", new { }, HttpStatusCode.Conflict);
            Assert.Equal("Sharing ended", refused.GetProperty("title").GetString());

            // Released, the cancellation is carried out.
            held.Release.TrySetResult();
            await Poll.UntilAsync(
                () => host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => (t.CorrelationId == joint || t.CorrelationId == action) && t.CurrentState == "Cancelled")),
                cancelled => cancelled == 2,
                WorkflowWait,
                "the leisure tasks cancelled",
                host.Clock.TickSecond);
        }
        finally
        {
            // A failed assertion must not leave the consumer held: the host could not stop.
            held.Release.TrySetResult();
        }
    }

    private static async Task<List<Guid>> TaskIdsAsync(Caseworkers users, string user, string path) =>
        [.. (await users.GetJsonAsync(user, path)).EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

    private static async Task<List<Guid>> OverdueTaskIdsAsync(Caseworkers users) =>
        [.. (await users.GetJsonAsync(LeisureManager, "/api/overdue")).GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("id").GetGuid())];

    private static async Task<string> PageAsync(Caseworkers users, string user, string path)
    {
        using var response = await users.GetAsync(user, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
