using System.Net;
using System.Text.Json;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A manager gives a task or a review only to a colleague who works on cases (staff, manager,
/// coordinator): an administrator or auditor could neither see it nor act on it, so the work
/// would lie untouched with an owner. The dashboard's drop-down offered only those; the API took anyone.
/// </summary>
public sealed class ReassignmentTests
{
    private const string PoliceManager = "police.manager@alvby.demo";
    private static readonly string[] OneGoal = ["Alva attends school"];

    [Fact]
    public async Task A_task_is_given_only_to_a_member_who_works_on_cases()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var task = await PoliceTaskAsync(host, users);

        foreach (var role in new[] { "auditor", "administrator" })
        {
            var refused = await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/reassign", new { userId = await host.UserIdAsync($"police.{role}@alvby.demo") }, HttpStatusCode.BadRequest);
            Assert.Equal(["userId"], Fields(refused));
        }

        await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/reassign", new { userId = await host.UserIdAsync(Police) }, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Staff_work_on_their_own_tasks_and_untaken_ones_while_managers_and_coordinators_work_on_all()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);

        // The manager gives the task to the police coordinator: from then on it is the coordinator's.
        var (task, _) = await CoordinatorsTaskAsync(host, users);

        // A staff member of the same agency may not answer it for them, nor decline it.
        foreach (var (action, body) in new (string, object)[] { ("accept", new { }), ("decline", new { reason = "No capacity" }) })
        {
            var refused = await users.PostJsonAsync(Police, $"/api/tasks/{task}/{action}", body, HttpStatusCode.Forbidden);
            Assert.Contains("another member's", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(await host.WithDatabaseAsync(db => db.Set<AgencyTaskAnswer>().AnyAsync(a => a.TaskId == task)));

        // The owner accepts; the staff member still may not complete it, the manager may.
        await users.PostJsonAsync("police.coordinator@alvby.demo", $"/api/tasks/{task}/accept", new { }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.CurrentState == "Accepted"), "the task accepted");
        await users.PostJsonAsync(Police, $"/api/tasks/{task}/complete", new { }, HttpStatusCode.Forbidden);
        await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/complete", new { }, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_task_given_again_to_its_owner_is_not_reassigned_a_second_time()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var (task, coordinator) = await CoordinatorsTaskAsync(host, users);

        // The same again, as a hand-over repeated before its first run reached the task does.
        await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/reassign", new { userId = coordinator }, HttpStatusCode.Accepted);
        await AllConsumedAsync(host, nameof(AgencyTaskReassigned));

        var concern = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.ConcernId).SingleAsync());
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.ConcernId == concern && e.Kind == "TaskReassigned")));
    }

    /// <summary>The police's joint-work task, given by their manager to the police coordinator.</summary>
    private static async Task<(Guid Task, Guid Coordinator)> CoordinatorsTaskAsync(SecurityHost host, ApiUsers users)
    {
        var task = await PoliceTaskAsync(host, users);
        var coordinator = await host.UserIdAsync("police.coordinator@alvby.demo");
        await users.PostJsonAsync(PoliceManager, $"/api/tasks/{task}/reassign", new { userId = coordinator }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.OwnerUserId == coordinator), "the task the coordinator's");
        return (task, coordinator);
    }

    /// <summary>A concern shared with the police, and the joint-work task offered to them.</summary>
    private static async Task<Guid> PoliceTaskAsync(SecurityHost host, ApiUsers users)
    {
        var id = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, id, "Police");
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork), "the police task offered");
        var task = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork).Select(t => t.CorrelationId).SingleAsync());
        return task;
    }

    [Fact]
    public async Task A_review_or_a_plan_action_is_given_only_to_a_member_who_works_on_cases()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        var auditor = await host.UserIdAsync("social.auditor@alvby.demo");

        var ownedByAuditor = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan(auditor), HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].ownerUserId"], Fields(ownedByAuditor));

        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan(null), HttpStatusCode.Created);
        var review = plan.GetProperty("reviewId").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review), "the review scheduled");
        var path = $"/api/concerns/{id}/reviews/{review}/reassign";
        foreach (var role in new[] { "auditor", "administrator" })
        {
            var refused = await users.PostJsonAsync(SocialManager, path, new { userId = await host.UserIdAsync($"social.{role}@alvby.demo") }, HttpStatusCode.BadRequest);
            Assert.Equal(["userId"], Fields(refused));
        }

        await users.PostJsonAsync(SocialManager, path, new { userId = await host.UserIdAsync(Reception) }, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_review_given_again_to_its_owner_is_not_reassigned_a_second_time()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan(null), HttpStatusCode.Created);
        var review = plan.GetProperty("reviewId").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review), "the review scheduled");
        var reception = await host.UserIdAsync(Reception);
        var path = $"/api/concerns/{id}/reviews/{review}/reassign";
        await users.PostJsonAsync(SocialManager, path, new { userId = reception }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review && r.OwnerUserId == reception), "the review the receptionist's");

        await users.PostJsonAsync(SocialManager, path, new { userId = reception }, HttpStatusCode.Accepted);
        await AllConsumedAsync(host, nameof(ReviewReassigned));

        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.ConcernId == id && e.Kind == "ReviewReassigned")));
    }

    /// <summary>Until every message of this type sent so far has been consumed.</summary>
    private static Task AllConsumedAsync(SecurityHost host, string messageType) =>
        CaseJourney.UntilAsync(
            host,
            db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(messageType))
                .AllAsync(m => db.Set<InboxState>().Any(i => i.MessageId == m.MessageId)),
            $"every {messageType} consumed");

    private static object Plan(Guid? owner) =>
        new { goals = OneGoal, actions = new[] { new { what = "Talk with Alva", agency = "SocialServices", ownerUserId = owner, byDate = "2026-12-18" } } };

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
}
