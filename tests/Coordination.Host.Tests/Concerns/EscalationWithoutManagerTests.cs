using System.Globalization;
using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// An overdue task escalates to its agency's managers. When the agency has none, nobody would
/// see it: the escalation becomes an incident of the task for the agency's administrators,
/// and once someone has the manager role, retrying it settles it. So does a review overdue in
/// a coordinating agency without managers, whose overdue list nobody would read.
/// </summary>
public sealed class EscalationWithoutManagerTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    [Fact]
    public async Task A_task_escalated_in_an_agency_without_managers_is_an_incident_the_administrator_settles_by_giving_the_role()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var school = await users.AgencyOfAsync(Teacher);

        // The school's manager has left, and nobody has the role yet.
        var managers = await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == school && m.Role == MembershipRole.Manager).ToListAsync());
        await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == school && m.Role == MembershipRole.Manager).ExecuteDeleteAsync());
        Assert.NotEmpty(managers);

        var id = await users.RaiseAndShareAsync("School");
        var task = await users.WaitForTaskAsync(Teacher, id, "JointWork");
        var taskId = task.GetProperty("id").GetGuid();

        host.Clock.AdvanceTo(task.GetProperty("dueAt").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        var incident = await EscalationIncidents.WaitForAsync(host, users, SchoolAdministrator, taskId, "the escalation's incident");
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        Assert.Contains("manager role", incident.GetProperty("exceptionMessage").GetString(), StringComparison.Ordinal);

        // Given the role, the retry checks again and settles it.
        await EscalationIncidents.SettleByGivingTheRoleAsync(host, users, SchoolAdministrator, incident, managers[0].UserId, school);
    }

    [Fact]
    public async Task A_task_escalated_in_an_agency_whose_only_managers_are_disabled_is_an_incident()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var school = await users.AgencyOfAsync(Teacher);

        // The school's managers keep the role, but their accounts are disabled (ADR 0020): nobody reads their list.
        var managers = await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == school && m.Role == MembershipRole.Manager).Select(m => m.UserId).ToListAsync());
        Assert.NotEmpty(managers);
        await host.WithDatabaseAsync(db => db.Users.Where(u => managers.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, host.Clock.GetUtcNow())));

        var id = await users.RaiseAndShareAsync("School");
        var task = await users.WaitForTaskAsync(Teacher, id, "JointWork");
        host.Clock.AdvanceTo(task.GetProperty("dueAt").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        var incident = await EscalationIncidents.WaitForAsync(host, users, SchoolAdministrator, task.GetProperty("id").GetGuid(), "the escalation's incident");
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_overdue_in_an_agency_without_managers_is_an_incident_the_administrator_settles_by_giving_the_role()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var social = await users.AgencyOfAsync(Coordinator);
        var id = await users.RaiseAndShareAsync("School");
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[] { new { what = "Weekly talk", agency = "School", byDate = "2026-12-18" } },
        }, HttpStatusCode.Created);
        var reviewId = plan.GetProperty("reviewId").GetGuid();
        var reviewDue = plan.GetProperty("reviewDue").GetDateTimeOffset();

        // Social services' manager has left, and nobody has the role yet.
        var managers = await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == social && m.Role == MembershipRole.Manager).ToListAsync());
        await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == social && m.Role == MembershipRole.Manager).ExecuteDeleteAsync());
        Assert.NotEmpty(managers);

        host.Clock.AdvanceTo(reviewDue + TimeSpan.FromHours(1));
        var incident = await EscalationIncidents.WaitForAsync(host, users, SocialAdministrator, reviewId, "the overdue review's incident");
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        var text = incident.GetProperty("exceptionMessage").GetString();
        Assert.True(text!.Contains($"Follow-up review 1 ({reviewId}, due {reviewDue.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC) is overdue", StringComparison.Ordinal), text);
        Assert.Contains($"(agency {social}), which has none", text, StringComparison.Ordinal);
        Assert.Contains("Give a member of the agency the manager role", text, StringComparison.Ordinal);

        await EscalationIncidents.SettleByGivingTheRoleAsync(host, users, SocialAdministrator, incident, managers[0].UserId, social);
        var overdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        Assert.Contains(overdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("reviews").EnumerateArray()), r => r.GetProperty("id").GetGuid() == reviewId);
    }
}
