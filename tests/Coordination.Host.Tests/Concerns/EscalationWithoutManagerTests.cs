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
/// see it: the escalation becomes an incident of the task for the municipality's administrators,
/// and once someone has the manager role, retrying it settles it.
/// </summary>
public sealed class EscalationWithoutManagerTests
{
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
        var incident = await Poll.UntilAsync(
            async () => (await IncidentsAsync(users)).FirstOrDefault(i => i.GetProperty("instanceId").ValueKind == JsonValueKind.String && i.GetProperty("instanceId").GetGuid() == taskId),
            i => i.ValueKind == JsonValueKind.Object, WorkflowWait, "the escalation's incident", host.Clock.TickSecond);
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        Assert.Contains("manager role", incident.GetProperty("exceptionMessage").GetString(), StringComparison.Ordinal);

        // Given the role, the retry checks again and settles it.
        await host.WithDatabaseAsync(async db =>
        {
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = managers[0].UserId, AgencyId = school, Role = MembershipRole.Manager });
            return await db.SaveChangesAsync();
        });
        using (var retried = await users.PostAsync(SchoolAdministrator, $"/api/operations/incidents/{incident.GetProperty("id").GetGuid()}/retry"))
        {
            Assert.True(retried.IsSuccessStatusCode, $"retry: {(int)retried.StatusCode}");
        }

        await Poll.UntilAsync(
            async () => (await IncidentsAsync(users)).Single(i => i.GetProperty("id").GetGuid() == incident.GetProperty("id").GetGuid()).GetProperty("status").GetString(),
            status => status == "Resolved", WorkflowWait, "the incident resolved", host.Clock.TickSecond);
    }

    private static async Task<List<JsonElement>> IncidentsAsync(Caseworkers users) =>
        [.. (await users.GetJsonAsync(SchoolAdministrator, "/api/operations/incidents")).EnumerateArray()];
}
