using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A commitment plan is agreed once: two at the same moment give one plan, and since it cannot be
/// agreed again, the actions that ending the sharing with a party cancelled are offered to the
/// party again when the guardians consent again (before, they stayed cancelled for good and nobody
/// carried out what the plan promised).
/// </summary>
public sealed class CommitmentPlanOnceTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    /// <summary>
    /// Two plans agreed at the same moment (two tabs, two social workers): one is agreed and the
    /// other refused as already agreed. Both used to pass the check, and the second failed on the
    /// plan's key with a server error.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_plans_agreed_at_the_same_moment_are_agreed_once_and_the_second_is_refused(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "plan-twice");
        using var users = new Caseworkers(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = await users.RaiseAndShareAsync("Police");
            object Plan(string what) => new { goals = Goals, actions = new object[] { new { what, agency = "Police", byDate = "2026-12-18" } } };
            var answers = await users.PostAtOnceAsync(HttpStatusCode.Created, (Coordinator, $"/api/concerns/{id}/plan", Plan("Talk with Alva")), (Reception, $"/api/concerns/{id}/plan", Plan("Visit the family")));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.Status));
            Assert.Equal("Plan already agreed", JsonDocument.Parse(answers[1].Body).RootElement.GetProperty("title").GetString());
            var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
            Assert.Single(chronology.EnumerateArray(), e => e.GetProperty("kind").GetString() == "CommitmentPlanAgreed");
        }
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_consent_given_again_offers_the_police_their_cancelled_plan_action_again(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "plan-after-sharing");
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[]
            {
                new { what = "Talk with Alva about the evenings", agency = "Police", byDate = "2026-12-18" },
                new { what = "Meet the guardians", agency = "SocialServices", byDate = "2026-12-11" },
            },
        }, HttpStatusCode.Created);
        var firstTasks = plan.GetProperty("tasks").EnumerateArray().Select(t => t.GetGuid()).ToList();
        var policeAction = (await users.WaitForTaskAsync(Police, id, "PlanAction")).GetProperty("id").GetGuid();
        Assert.Contains(policeAction, firstTasks);

        var basisId = (await users.ConcernAsync(id)).GetProperty("legalBases").EnumerateArray().Single().GetProperty("id").GetGuid();
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{basisId}/withdrawal", new { }, HttpStatusCode.NoContent);
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == policeAction).Select(t => t.CurrentState).SingleAsync()),
            state => state == "Cancelled", WorkflowWait, "the police's plan action cancelled with the sharing", host.Clock.TickSecond);

        var renewed = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        var offeredAgain = Assert.Single(renewed.GetProperty("planActionsOffered").EnumerateArray().Select(t => t.GetGuid()));

        // The police have the action again, as a new task the plan now points to.
        var task = await Poll.UntilAsync(
            () => users.QueueAsync(Police),
            tasks => tasks.Exists(t => t.GetProperty("id").GetGuid() == offeredAgain),
            WorkflowWait, "the plan action in the police's queue again", host.Clock.TickSecond);
        Assert.Equal("Talk with Alva about the evenings", task.Single(t => t.GetProperty("id").GetGuid() == offeredAgain).GetProperty("title").GetString());
        var actions = (await users.ConcernAsync(id)).GetProperty("plan").GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(offeredAgain, actions.Single(a => a.GetProperty("what").GetString() == "Talk with Alva about the evenings").GetProperty("taskId").GetGuid());

        // Social services' own action was never shared away and is not offered twice.
        Assert.Contains(actions.Single(a => a.GetProperty("what").GetString() == "Meet the guardians").GetProperty("taskId").GetGuid(), firstTasks);
        var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
        Assert.Contains(chronology.EnumerateArray(), e => e.GetProperty("kind").GetString() == "PlanActionsOfferedAgain");

        // A further basis naming the police while they have the action offers nothing more.
        var again = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Array, again.GetProperty("planActionsOffered").ValueKind);
        Assert.Empty(again.GetProperty("planActionsOffered").EnumerateArray());
    }
}
