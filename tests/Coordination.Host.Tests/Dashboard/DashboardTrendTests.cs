using System.Globalization;
using System.Net;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Dashboard;

/// <summary>The dashboard's weekly figures (the chart and its table) against what it lists as overdue now.</summary>
public sealed class DashboardTrendTests
{
    /// <summary>
    /// The weekly series counted concerns with an assessment past its limit, while the table of
    /// overdue work beside it counts the assessments: a concern whose protective and preliminary
    /// assessments were both late was 1 in the chart and 2 in the table.
    /// </summary>
    [Fact]
    public async Task This_weeks_figures_count_each_late_assessment_as_the_table_of_overdue_work_does()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var concern = await users.ConcernAsync(id);
        host.Clock.AdvanceTo(concern.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset() + TimeSpan.FromHours(2));
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);

        var page = await DashboardPage.ReadAsync(manager, "/Dashboard");

        var now = DashboardPage.Counts(page).Values.Aggregate((a, b) => [.. a.Zip(b, (x, y) => x + y)]);
        Assert.Equal(2, now[1]);
        Assert.Equal(now, DashboardPage.Trend(page)[^1].Cells);
    }

    /// <summary>
    /// A joint-work task accepted in time was never overdue. Closing the case cancels it, and the
    /// weekly figures then read the cancellation as the task's end, so the weeks between its
    /// deadline and the closing showed it overdue after the fact.
    /// </summary>
    [Fact]
    public async Task A_task_accepted_in_time_is_not_overdue_in_any_week_after_its_case_is_closed()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var task = await users.WaitForTaskAsync(Police, id, "JointWork");
        var taskId = task.GetProperty("id").GetGuid();
        await users.PostJsonAsync(Police, $"/api/tasks/{taskId}/accept", new { }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == taskId && t.AnsweredAt != null), "the acceptance recorded");
        host.Clock.AdvanceTo(task.GetProperty("dueAt").GetDateTimeOffset() + TimeSpan.FromDays(10));
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Support given; no further joint work." }, HttpStatusCode.NoContent);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == taskId && t.CancelledAt != null), "the accepted task cancelled");
        using var manager = await InspectionsClient.BrowserAsync(host, "police.manager@alvby.demo");

        var tasks = DashboardPage.Trend(await DashboardPage.ReadAsync(manager, "/Dashboard")).Select(w => w.Cells[0]);

        Assert.All(tasks, count => Assert.Equal(0, count));
    }

    /// <summary>
    /// An investigation extended after its deadline had passed was overdue in the weeks before the
    /// extension. The weekly figures judged every past week by the current deadline, so the
    /// extension rewrote those weeks as if it had never been late.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_week_when_the_investigation_was_past_its_deadline_still_shows_it_after_the_deadline_is_extended(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "trend-extension");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        var due = (await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened")).GetProperty("investigationDue").GetDateTimeOffset();

        // Ten days past the deadline the investigation is extended by three months; two days later
        // the week that ended five days after the deadline is looked at again.
        host.Clock.AdvanceTo(due + TimeSpan.FromDays(10));
        var newDue = DateOnly.FromDateTime(due.UtcDateTime).AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/extension", new { newDueDate = newDue, reason = "Waiting for a medical report" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("investigationDue").GetDateTimeOffset() > due, "the extension stored");
        host.Clock.AdvanceTo(due + TimeSpan.FromDays(12));
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);

        var assessments = DashboardPage.Trend(await DashboardPage.ReadAsync(manager, "/Dashboard")).Select(w => w.Cells[1]).ToList();

        Assert.Equal([0, 1, 0], assessments[^3..]);
    }
}
