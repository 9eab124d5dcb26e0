using System.Net;
using System.Text.Json;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.TaskInboxPage;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A manager hands all open work of a colleague who left (a disabled account, ADR 0020) to another
/// member in one request (<c>POST /api/municipalities/{id}/agencies/{agencyId}/handover</c>, or the
/// dashboard's form): each task and review is reassigned as one at a time is, with its chronology
/// entry; a repeat finds nothing left. The task lists name each task's owner, the former one marked,
/// and are narrowed to one owner's work by <c>owner</c>.
/// </summary>
public sealed class WorkHandoverTests
{
    private const string Reception = Caseworkers.Reception;
    private const string SocialManager = Caseworkers.SocialManager;
    private const string SocialAdministrator = "social.administrator@alvby.demo";
    private static readonly string[] OneGoal = ["Alva attends school"];

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_disabled_users_three_tasks_and_review_go_to_the_new_owner_in_one_request_each_with_its_entry(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "work-handover");
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        var reception = work.Reception;
        await users.PostJsonAsync(SocialAdministrator, $"/api/municipalities/{work.Alvby}/users/{reception}/disable", new { reason = "Left the social services" }, HttpStatusCode.OK);

        // The queue, narrowed to the disabled colleague, is the work to hand over.
        Assert.Equal(work.Tasks.Order(), Ids(await users.GetJsonAsync(SocialManager, $"/api/tasks/queue?owner={reception}")).Order());

        var coordinator = await host.UserIdAsync(Caseworkers.Coordinator);
        var path = $"/api/municipalities/{work.Alvby}/agencies/{work.SocialServices}/handover";
        var done = await users.PostJsonAsync(SocialManager, path, new { fromUserId = reception, toUserId = coordinator }, HttpStatusCode.Accepted);
        Assert.Equal(3, done.GetProperty("tasksHandedOver").GetInt32());
        Assert.Equal(1, done.GetProperty("reviewsHandedOver").GetInt32());
        Assert.Empty(done.GetProperty("notHandedOver").EnumerateArray());

        await CaseJourney.UntilAsync(host, async db =>
            await db.Set<AgencyTaskState>().CountAsync(t => work.Tasks.Contains(t.CorrelationId) && t.OwnerUserId == coordinator) == 3
            && await db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == work.Review && r.OwnerUserId == coordinator), "the work the coordinator's");

        // Each change is in its case's chronology, by the manager, as a single reassignment is.
        var manager = await host.UserIdAsync(SocialManager);
        var entries = await host.WithDatabaseAsync(db => db.Set<CaseEvent>().Where(e => e.ActorUserId == manager && e.Kind == "TaskReassigned").Select(e => e.ConcernId).ToListAsync());
        Assert.Equal(work.Concerns.Order(), entries.Order());
        Assert.Equal(2, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.ConcernId == work.Concerns[0] && e.Kind == "ReviewReassigned")));
        Assert.Equal(work.Tasks.Order(), Ids(await users.GetJsonAsync(SocialManager, $"/api/tasks/queue?owner={coordinator}")).Order());

        // A repeat finds nothing the disabled colleague still holds, and changes nothing.
        var again = await users.PostJsonAsync(SocialManager, path, new { fromUserId = reception, toUserId = coordinator }, HttpStatusCode.Accepted);
        Assert.Equal((0, 0), (again.GetProperty("tasksHandedOver").GetInt32(), again.GetProperty("reviewsHandedOver").GetInt32()));
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.ActorUserId == manager && e.Kind == "TaskReassigned")));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_hand_over_is_one_audit_entry_naming_the_manager_both_members_the_agency_and_the_counts_and_a_refused_one_is_none(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "work-handover-audit");
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        var coordinator = await host.UserIdAsync(Caseworkers.Coordinator);
        var path = $"/api/municipalities/{work.Alvby}/agencies/{work.SocialServices}/handover";

        // Refused at a field: nothing moved, and nothing is recorded.
        await users.PostJsonAsync(SocialManager, path, new { fromUserId = work.Reception, toUserId = work.Reception }, HttpStatusCode.BadRequest);
        Assert.Empty(await host.AuditAsync(AuditAction.WorkHandedOver));

        await users.PostJsonAsync(SocialManager, path, new { fromUserId = work.Reception, toUserId = coordinator }, HttpStatusCode.Accepted);
        var entry = Assert.Single(await host.AuditAsync(AuditAction.WorkHandedOver));
        var agency = await host.WithDatabaseAsync(db => db.Agencies.Where(a => a.Id == work.SocialServices).Select(a => a.Name).SingleAsync());
        Assert.Equal((await host.UserIdAsync(SocialManager), SocialManager), (entry.ActorUserId, entry.Actor));
        Assert.Equal(("User", work.Reception.ToString(), work.Alvby), (entry.SubjectType, entry.SubjectId, entry.MunicipalityId));
        Assert.Equal(
            $"work of {Reception} ({work.Reception}) in {agency} ({work.SocialServices}) handed to {Caseworkers.Coordinator} ({coordinator}): 3 tasks and 1 reviews moved, 0 not handed over",
            entry.Detail);
    }

    /// <summary>
    /// One of the police staff member's two joint-work tasks is on a concern whose consent was just
    /// withdrawn: committed, in the moment before the task's workflow consumed the cancellation it
    /// causes. Its single reassignment refuses it, so the hand-over names it with why, moves the
    /// other, and its audit entry says so.
    /// </summary>
    [Fact]
    public async Task An_item_its_reassignment_refuses_is_named_with_the_reason_and_the_other_work_still_moves()
    {
        const string PoliceStaff = "police.staff@alvby.demo";
        const string PoliceManager = "police.manager@alvby.demo";
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.MunicipalityIdAsync("9901");
        var staff = await host.UserIdAsync(PoliceStaff);
        var consents = new List<Guid>();
        var tasks = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var concern = await CaseJourney.RaiseAsync(host, users);
            var consent = await users.PostJsonAsync(CaseJourney.Coordinator, $"/api/concerns/{concern}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
            Guid task = default;
            await CaseJourney.UntilAsync(host, async db => (task = await db.Set<AgencyTaskState>()
                .Where(t => t.ConcernId == concern && t.Kind == AgencyTaskKind.JointWork).Select(t => t.CorrelationId).FirstOrDefaultAsync()) != default, "the police's joint-work task");
            await users.PostJsonAsync(PoliceStaff, $"/api/tasks/{task}/claim", new { }, HttpStatusCode.Accepted);
            consents.Add(consent.GetProperty("id").GetGuid());
            tasks.Add(task);
        }

        await CaseJourney.UntilAsync(host, async db => await db.Set<AgencyTaskState>().CountAsync(t => tasks.Contains(t.CorrelationId) && t.OwnerUserId == staff) == 2, "both tasks the staff member's");
        var withdrawnAt = host.Clock.GetUtcNow();
        await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.Id == consents[0]).ExecuteUpdateAsync(s => s.SetProperty(b => b.WithdrawnAt, withdrawnAt)));

        var police = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == tasks[0]).Select(t => t.AgencyId).SingleAsync());
        var manager = await host.UserIdAsync(PoliceManager);
        var done = await users.PostJsonAsync(PoliceManager, $"/api/municipalities/{alvby}/agencies/{police}/handover", new { fromUserId = staff, toUserId = manager }, HttpStatusCode.Accepted);
        Assert.Equal(1, done.GetProperty("tasksHandedOver").GetInt32());
        Assert.Equal([tasks[1]], done.GetProperty("tasks").EnumerateArray().Select(t => t.GetGuid()));
        var refused = Assert.Single(done.GetProperty("notHandedOver").EnumerateArray());
        Assert.Equal(("task", tasks[0], "Sharing ended"), (refused.GetProperty("kind").GetString(), refused.GetProperty("id").GetGuid(), refused.GetProperty("reason").GetString()));
        Assert.Contains("no longer in force", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The other task is the manager's; the refused one stays where it was.
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == tasks[1] && t.OwnerUserId == manager), "the other task the manager's");
        Assert.Equal(staff, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == tasks[0]).Select(t => t.OwnerUserId).SingleAsync()));
        var entry = Assert.Single(await host.AuditAsync(AuditAction.WorkHandedOver));
        Assert.EndsWith($": 1 tasks and 0 reviews moved, 1 not handed over; not handed over: task {tasks[0]} (Sharing ended)", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_agencys_manager_hands_over_and_a_target_who_may_not_take_the_work_is_named()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        var reception = work.Reception;
        var path = $"/api/municipalities/{work.Alvby}/agencies/{work.SocialServices}/handover";
        var coordinator = await host.UserIdAsync(Caseworkers.Coordinator);
        var body = new { fromUserId = reception, toUserId = coordinator };

        // Staff of the agency may not; a manager of another agency, or the wrong municipality, finds no such agency.
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(Reception, path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(Caseworkers.Coordinator, path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync("police.manager@alvby.demo", path, body)).StatusCode);
        var sjostad = await host.MunicipalityIdAsync("9902");
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync(SocialManager, $"/api/municipalities/{sjostad}/agencies/{work.SocialServices}/handover", body)).StatusCode);

        // A target with a disabled account, of another agency, or who does not work on cases, is refused at the field.
        var manager = await host.UserIdAsync(SocialManager);
        var auditor = await host.UserIdAsync("social.auditor@alvby.demo");
        await users.PostJsonAsync(SocialAdministrator, $"/api/municipalities/{work.Alvby}/users/{coordinator}/disable", new { reason = "On leave" }, HttpStatusCode.OK);
        foreach (var target in new[] { coordinator, await host.UserIdAsync("police.staff@alvby.demo"), auditor, reception, Guid.NewGuid() })
        {
            var refused = await users.PostJsonAsync(SocialManager, path, new { fromUserId = reception, toUserId = target }, HttpStatusCode.BadRequest);
            Assert.Equal(["toUserId"], Fields(refused));
        }

        Assert.Equal(["fromUserId", "toUserId"], Fields(await users.PostJsonAsync(SocialManager, path, new { }, HttpStatusCode.BadRequest)));
        Assert.Equal(["fromUserId"], Fields(await users.PostJsonAsync(SocialManager, path, new { fromUserId = Guid.NewGuid(), toUserId = manager }, HttpStatusCode.BadRequest)));

        // Nothing was handed over.
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => work.Tasks.Contains(t.CorrelationId) && t.OwnerUserId == reception)));
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<CaseEvent>().CountAsync(e => e.Kind == "TaskReassigned")));
    }

    [Fact]
    public async Task The_task_lists_name_each_owner_mark_the_disabled_one_and_are_narrowed_to_one_owner()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        var reception = work.Reception;
        var name = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == reception).Select(u => u.DisplayName).SingleAsync());
        using (var manager = await users.BrowserAsync(SocialManager))
        {
            var page = await PageAsync(manager, "/Tasks");
            Assert.Contains(">Ansvarig</th>", page, StringComparison.Ordinal);
            Assert.Contains($"class=\"task-owner\">{name}</td>", page, StringComparison.Ordinal);
        }

        await users.PostJsonAsync(SocialAdministrator, $"/api/municipalities/{work.Alvby}/users/{reception}/disable", new { reason = "Left the social services" }, HttpStatusCode.OK);
        using var browser = await users.BrowserAsync(SocialManager);
        var all = await PageAsync(browser, "/Tasks");
        Assert.Contains($"class=\"task-owner\">{name} (kan inte längre tilldelas", all, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{reception}\">{name} (kan inte längre tilldelas", all, StringComparison.Ordinal);
        Assert.True(Rows(all, "queue").Count > 3, "the queue holds more than the disabled colleague's work");

        // Narrowed to the disabled colleague: their three tasks, and the filter keeps its choice.
        var theirs = await PageAsync(browser, $"/Tasks?owner={reception}");
        Assert.Equal(work.Tasks.Order(), Rows(theirs, "queue").Order());
        Assert.Contains($"<option value=\"{reception}\" selected=\"selected\">", theirs, StringComparison.Ordinal);

        // A value the form cannot send is named at the field on the page, and in the API.
        var wrong = await PageAsync(browser, $"/Tasks?owner={Guid.NewGuid()}");
        Assert.Contains("<a href=\"#owner\">Den personen har inget arbete i dina verksamheter.", wrong, StringComparison.Ordinal);
        Assert.Empty(Rows(wrong, "queue"));
        foreach (var value in new[] { "nobody", Guid.NewGuid().ToString(), $"{reception}&owner={reception}" })
        {
            using var refused = await users.GetAsync(SocialManager, "/api/tasks/queue?owner=" + value);
            Assert.Equal(["owner"], Fields(await ApiUsers.JsonAsync(refused, HttpStatusCode.BadRequest)));
        }
    }

    [Fact]
    public async Task The_dashboard_hands_all_work_of_a_former_owner_to_the_member_chosen_in_one_step()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        var reception = work.Reception;
        await users.PostJsonAsync(SocialAdministrator, $"/api/municipalities/{work.Alvby}/users/{reception}/disable", new { reason = "Left the social services" }, HttpStatusCode.OK);
        var due = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => work.Tasks.Contains(t.CorrelationId)).MaxAsync(t => t.DueAt));
        host.Clock.AdvanceTo(due + TimeSpan.FromHours(1));
        var name = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == reception).Select(u => u.DisplayName).SingleAsync());

        using var manager = await users.BrowserAsync(SocialManager, allowAutoRedirect: false);
        var dashboard = await PageAsync(manager, "/Dashboard");
        Assert.Contains($"{name} kan inte längre tilldelas arbete. Lämna över allt öppet arbete", dashboard, StringComparison.Ordinal);
        var token = await PageForms.AntiforgeryTokenAsync(manager, "/Dashboard");
        var coordinator = await host.UserIdAsync(Caseworkers.Coordinator);
        using (var posted = await PageForms.PostAsync(manager, $"/Dashboard?handler=HandOver&agencyId={work.SocialServices}&fromUserId={reception}", token, [new("userId", coordinator.ToString())]))
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            var after = await PageAsync(manager, posted.Headers.Location!.OriginalString);
            Assert.Contains("3 uppgifter och 1 uppföljningar är överlämnade.", after, StringComparison.Ordinal);
        }

        await CaseJourney.UntilAsync(host, async db =>
            await db.Set<AgencyTaskState>().CountAsync(t => work.Tasks.Contains(t.CorrelationId) && t.OwnerUserId == coordinator) == 3
            && await db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == work.Review && r.OwnerUserId == coordinator), "the work the coordinator's");
        Assert.DoesNotContain("Lämna över allt", await PageAsync(manager, "/Dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_offers_to_hand_over_a_former_owners_work_before_any_of_it_is_overdue()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var work = await ReceptionWorkAsync(host, users);
        using var manager = await users.BrowserAsync(SocialManager, allowAutoRedirect: false);
        Assert.DoesNotContain("Lämna över allt", await PageAsync(manager, "/Dashboard"), StringComparison.Ordinal);

        await users.PostJsonAsync(SocialAdministrator, $"/api/municipalities/{work.Alvby}/users/{work.Reception}/disable", new { reason = "Left the social services" }, HttpStatusCode.OK);
        var name = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == work.Reception).Select(u => u.DisplayName).SingleAsync());
        var dashboard = await PageAsync(manager, "/Dashboard");
        Assert.Contains($"{name} kan inte längre tilldelas arbete. Lämna över allt öppet arbete", dashboard, StringComparison.Ordinal);
        Assert.Contains($"fromUserId={work.Reception}", dashboard, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three concerns whose protective assessment reception's staff member claimed, and the first
    /// one's review given to them by the manager: the work a colleague who leaves holds.
    /// </summary>
    private static async Task<ReceptionWork> ReceptionWorkAsync(SecurityHost host, ApiUsers users)
    {
        var alvby = await host.MunicipalityIdAsync("9901");
        var reception = await host.UserIdAsync(Reception);
        var concerns = new List<Guid>();
        var tasks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var concern = await CaseJourney.RaiseAsync(host, users);
            Guid task = default;
            await CaseJourney.UntilAsync(host, async db => (task = await db.Set<AgencyTaskState>()
                .Where(t => t.ConcernId == concern && t.Kind == AgencyTaskKind.ProtectiveAssessment).Select(t => t.CorrelationId).FirstOrDefaultAsync()) != default, "the protective assessment task");
            await users.PostJsonAsync(Reception, $"/api/tasks/{task}/claim", new { }, HttpStatusCode.Accepted);
            concerns.Add(concern);
            tasks.Add(task);
        }

        var plan = await users.PostJsonAsync(CaseJourney.Coordinator, $"/api/concerns/{concerns[0]}/plan", new
        {
            goals = OneGoal,
            actions = new[] { new { what = "Talk with Alva", agency = "SocialServices", ownerUserId = (Guid?)null, byDate = "2026-12-18" } },
        }, HttpStatusCode.Created);
        var review = plan.GetProperty("reviewId").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review), "the review scheduled");
        await users.PostJsonAsync(SocialManager, $"/api/concerns/{concerns[0]}/reviews/{review}/reassign", new { userId = reception }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, async db =>
            await db.Set<AgencyTaskState>().CountAsync(t => tasks.Contains(t.CorrelationId) && t.OwnerUserId == reception) == 3
            && await db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review && r.OwnerUserId == reception), "the work reception's");
        var socialServices = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == tasks[0]).Select(t => t.AgencyId).SingleAsync());
        return new ReceptionWork(alvby, socialServices, reception, concerns, tasks, review);
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private sealed record ReceptionWork(Guid Alvby, Guid SocialServices, Guid Reception, List<Guid> Concerns, List<Guid> Tasks, Guid Review);
}
