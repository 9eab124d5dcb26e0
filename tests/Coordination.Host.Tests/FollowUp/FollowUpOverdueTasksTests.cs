using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.FollowUp;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>
/// A task counts as overdue in the half-year its deadline passed while it still waited for the
/// agency, whatever happened to it later. The report left out a task cancelled after it became
/// overdue (closing the case cancels every open task), and counted a task by when it was offered:
/// one answered late after the half-year ended was added to that closed half-year's figure, and
/// one still unanswered was in no half-year at all.
/// </summary>
public sealed class FollowUpOverdueTasksTests
{
    private static readonly HalfYear Autumn = new(2026, 2);
    private static readonly HalfYear Spring = new(2027, 1);

    [Fact]
    public async Task A_task_cancelled_after_its_deadline_passed_still_counts_as_overdue_in_the_half_year()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var task = await JointWorkTaskAsync(host, id);
        host.Clock.AdvanceTo(task.DueAt + TimeSpan.FromDays(1));
        Assert.Equal(1, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Autumn)));

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Support given; no further joint work." }, HttpStatusCode.NoContent);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task.CorrelationId && t.CancelledAt != null), "the overdue task cancelled");

        Assert.Equal(1, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Autumn)));
    }

    [Fact]
    public async Task A_task_offered_in_december_and_due_in_january_is_overdue_in_the_spring_and_stays_so_when_answered_late()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 29, 9, 0, 0, TimeSpan.Zero));
        var id = await users.RaiseAndShareAsync("Police");
        var task = await JointWorkTaskAsync(host, id);
        Assert.True(task.DueAt >= Spring.From, $"the task is due in January, not {task.DueAt:O}");
        host.Clock.AdvanceTo(task.DueAt + TimeSpan.FromDays(1));

        Assert.Equal(0, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Autumn)));
        Assert.Equal(1, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Spring)));

        await users.PostJsonAsync(Police, $"/api/tasks/{task.CorrelationId}/accept", new { }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task.CorrelationId && t.AnsweredAt != null), "the late acceptance recorded");

        Assert.Equal(0, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Autumn)));
        Assert.Equal(1, Overdue(await FollowUpReports.ForManagerAsync(host, AgencyKind.Police, Spring)));
    }

    private static async Task<AgencyTaskState> JointWorkTaskAsync(SecurityHost host, Guid concernId)
    {
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == concernId && t.Kind == AgencyTaskKind.JointWork), "the police's joint-work task");
        return await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().AsNoTracking().SingleAsync(t => t.ConcernId == concernId && t.Kind == AgencyTaskKind.JointWork));
    }

    private static int Overdue(FollowUpReport report) => FollowUpReports.Row(report, "Tasks", "Overdue");
}
