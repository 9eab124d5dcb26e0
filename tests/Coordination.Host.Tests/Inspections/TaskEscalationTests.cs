using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// A round to plan again and a venue under supervision to follow up are due by a time, and were
/// only listed as overdue for the licensing managers: in a licensing unit without a manager
/// nobody saw them. Now they escalate at their due time as participation requests, protocols and
/// re-inspections do: marked escalated, or an incident for the municipality's administrators
/// when nobody has the manager role. Done before their due time, nothing fires.
/// </summary>
public sealed class TaskEscalationTests
{
    private const string Administrator = "licensing.administrator@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_not_planned_again_by_its_evening_escalates_to_the_licensing_managers(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (roundId, replan) = await DeclinedRoundAsync(scenario, "2026-11-27");
        var due = replan.GetProperty("dueAt").GetDateTimeOffset();

        scenario.Host.Clock.AdvanceTo(due.AddMinutes(1));
        var escalated = await Poll.UntilAsync(
            () => ManagersOverdueAsync(scenario, replan.GetProperty("id").GetGuid()),
            t => t.ValueKind == JsonValueKind.Object && t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the task escalates", scenario.Host.Clock.TickSecond);
        Assert.Equal(("ReplanRound", roundId), (escalated.GetProperty("kind").GetString(), escalated.GetProperty("roundId").GetGuid()));
        Assert.Equal(due.AddMinutes(1), escalated.GetProperty("escalatedAt").GetDateTimeOffset(), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_overdue_follow_up_in_a_licensing_unit_without_managers_is_an_incident_the_administrator_settles_by_giving_the_role(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        using var administrator = new InspectionsClient(scenario.Host, Administrator);
        var clock = scenario.Host.Clock;
        var task = await FollowUpTaskAsync(scenario);
        var taskId = task.GetProperty("id").GetGuid();
        var due = task.GetProperty("dueAt").GetDateTimeOffset();
        var managers = await RemoveLicensingManagersAsync(scenario);

        clock.AdvanceTo(due.AddMinutes(1));
        var incident = await Poll.UntilAsync(
            async () => IncidentOf(await administrator.GetJsonAsync("/api/operations/incidents"), taskId),
            i => i.ValueKind == JsonValueKind.Object, WorkflowWait, "the escalation's incident", clock.TickSecond);
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Inspection task {taskId} (FollowUpVenue, due ", incident.GetProperty("exceptionMessage").GetString(), StringComparison.Ordinal);
        Assert.False((await TaskAsync(scenario, taskId)).GetProperty("escalatedToManagers").GetBoolean());

        // Given the role, the retry checks again: the task reaches the manager.
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = managers[0].UserId, AgencyId = managers[0].AgencyId, Role = MembershipRole.Manager });
            return await db.SaveChangesAsync();
        });
        using (var retried = await administrator.PostAsync($"/api/operations/incidents/{incident.GetProperty("id").GetGuid()}/retry"))
        {
            await InspectionsClient.ReadAsync(retried, HttpStatusCode.Accepted);
        }

        await Poll.UntilAsync(() => TaskAsync(scenario, taskId), t => t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the task escalates", clock.TickSecond);
        await Poll.UntilAsync(
            async () => IncidentOf(await administrator.GetJsonAsync("/api/operations/incidents"), taskId).GetProperty("status").GetString(),
            status => status == "Resolved", WorkflowWait, "the incident resolved", clock.TickSecond);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_planned_again_before_its_evening_never_escalates_its_task(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        await RemoveLicensingManagersAsync(scenario);
        var (roundId, replan) = await DeclinedRoundAsync(scenario, "2026-11-27");
        var taskId = replan.GetProperty("id").GetGuid();
        var token = await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTaskDeadlineState>().AsNoTracking().Where(s => s.CorrelationId == taskId).Select(s => s.DeadlineToken).FirstOrDefaultAsync()),
            t => t is not null, WorkflowWait, "the task's escalation is set");

        using (var replanned = await scenario.Officer.PutAsync($"/api/inspections/rounds/{roundId}/schedule", new { date = "2026-12-04", eveningStart = "21:00", eveningEnd = "01:00" }))
        {
            await InspectionsClient.ReadAsync(replanned, HttpStatusCode.OK);
        }

        Assert.Equal("Cancelled", (await TaskAsync(scenario, taskId)).GetProperty("status").GetString());
        var scheduler = await scenario.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Poll.UntilAsync(
            async () => await LateDelivery.StateAsync<InspectionTaskDeadlineState>(scenario, taskId) is null && await scheduler.GetJobDetail(new JobKey(token!.Value.ToString("N"), WorkflowTimerJobs.Group)) is null,
            WorkflowWait, "the escalation and its timer gone");

        scenario.Host.Clock.AdvanceTo(replan.GetProperty("dueAt").GetDateTimeOffset().AddHours(1));
        for (var i = 0; i < 5; i++)
        {
            scenario.Host.Clock.TickSecond();
        }

        Assert.False((await TaskAsync(scenario, taskId)).GetProperty("escalatedToManagers").GetBoolean());
        Assert.False(await scenario.Host.WithDatabaseAsync(db => db.Set<Incident>().AnyAsync(i => i.InstanceId == taskId)));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Open_tasks_from_before_their_escalation_existed_get_it_from_the_start_up_repair(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var now = scenario.Host.Clock.GetUtcNow();
        var (overdue, upcoming) = (OldTask(scenario, InspectionTaskKind.ReplanRound, now, now.AddHours(-1)), OldTask(scenario, InspectionTaskKind.FollowUpVenue, now, now.AddDays(30)));
        await scenario.Host.WithDatabaseAsync(db =>
        {
            db.AddRange(overdue, upcoming);
            return db.SaveChangesAsync();
        });
        var repair = scenario.Host.Services.GetRequiredService<InspectionTaskDeadlineRepair>();

        Assert.Equal(2, await repair.RunAsync(CancellationToken.None));
        await Poll.UntilAsync(() => TaskAsync(scenario, overdue.Id), t => t.GetProperty("escalatedToManagers").GetBoolean(), WorkflowWait, "the overdue task escalates at once", scenario.Host.Clock.TickSecond);
        await Poll.UntilAsync(() => LateDelivery.StateAsync<InspectionTaskDeadlineState>(scenario, upcoming.Id), s => s == "AwaitingDeadline", WorkflowWait, "the other awaits its due time");
        Assert.Equal(0, await repair.RunAsync(CancellationToken.None));
    }

    /// <summary>A round on <paramref name="date"/> the police declined: the officer's task to plan it again.</summary>
    private static async Task<(Guid RoundId, JsonElement Replan)> DeclinedRoundAsync(InspectionScenario scenario, string date)
    {
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundOnAsync(date, venueId);
        var request = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/decline", new { reason = "All patrols are needed elsewhere." });
        var tasks = await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            t => t.EnumerateArray().Any(k => k.GetProperty("kind").GetString() == "ReplanRound"), WorkflowWait, "the task to plan the round again", scenario.Host.Clock.TickSecond);
        return (roundId, tasks.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "ReplanRound"));
    }

    /// <summary>A varning decided, not appealed, and its first six-monthly follow-up come due: the follow-up's task, due by the next.</summary>
    private static async Task<JsonElement> FollowUpTaskAsync(InspectionScenario scenario)
    {
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var decided = await scenario.FinalVarningAsync(caseId);
        clock.AdvanceTo(decided.GetProperty("nextFollowUpAt").GetDateTimeOffset().AddMinutes(1));
        var tasks = await Poll.UntilAsync(
            () => scenario.OfficerTasksAsync(),
            t => t.EnumerateArray().Any(k => k.GetProperty("kind").GetString() == "FollowUpVenue"), WorkflowWait, "the follow-up comes due", clock.TickSecond);
        return tasks.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "FollowUpVenue");
    }

    /// <summary>Takes the manager role in Älvby's licensing unit from everyone who has it; returns those memberships.</summary>
    private static async Task<List<Membership>> RemoveLicensingManagersAsync(InspectionScenario scenario) =>
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            var licensing = await db.Agencies.Where(a => a.MunicipalityId == scenario.MunicipalityId && a.Kind == AgencyKind.LicensingUnit).Select(a => a.Id).SingleAsync();
            var managers = await db.Memberships.AsNoTracking().Where(m => m.AgencyId == licensing && m.Role == MembershipRole.Manager).ToListAsync();
            Assert.NotEmpty(managers);
            await db.Memberships.Where(m => m.AgencyId == licensing && m.Role == MembershipRole.Manager).ExecuteDeleteAsync();
            return managers;
        });

    private static InspectionTask OldTask(InspectionScenario scenario, InspectionTaskKind kind, DateTimeOffset createdAt, DateTimeOffset dueAt) =>
        InspectionTask.Create(scenario.MunicipalityId, AgencyKind.LicensingUnit, kind, $"{kind} opened before its escalation existed", createdAt.AddMonths(-1), dueAt);

    private static async Task<JsonElement> TaskAsync(InspectionScenario scenario, Guid taskId) =>
        (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);

    private static async Task<JsonElement> ManagersOverdueAsync(InspectionScenario scenario, Guid taskId) =>
        (await scenario.Manager.GetJsonAsync($"/api/overdue?municipalityId={scenario.MunicipalityId}")).GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("inspectionTasks").EnumerateArray())
            .FirstOrDefault(t => t.GetProperty("id").GetGuid() == taskId);

    private static JsonElement IncidentOf(JsonElement incidents, Guid instanceId) =>
        incidents.EnumerateArray().FirstOrDefault(i => i.GetProperty("instanceId").ValueKind == JsonValueKind.String && i.GetProperty("instanceId").GetGuid() == instanceId);
}
