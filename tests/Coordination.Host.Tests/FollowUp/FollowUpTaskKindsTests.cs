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
/// The follow-up's task figures are the agencies' joint work and plan actions. They also counted
/// social services' own protective-assessment and feedback tasks, so a late protective assessment
/// was counted twice: under the protective assessment, against its limit, and as an overdue task.
/// </summary>
public sealed class FollowUpTaskKindsTests
{
    [Fact]
    public async Task A_late_protective_assessment_counts_once_under_the_protective_assessment_and_not_among_the_tasks()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await CaseJourney.UntilAsync(host, async db => await db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id) == 3, "the protective assessment, joint-work and feedback tasks");
        var lastDue = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == id).Select(t => t.DueAt).ToListAsync());
        host.Clock.AdvanceTo(lastDue.Max() + TimeSpan.FromDays(1));

        var report = await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices);

        Assert.Equal(1, FollowUpReports.Row(report, "ProtectiveAssessment", "NotDone"));
        Assert.Equal(1, FollowUpReports.Row(report, "Tasks", "Offered"));
        Assert.Equal(1, FollowUpReports.Row(report, "Tasks", "Overdue"));
        Assert.Equal(1, report.Months.Single(m => m.Month == new DateOnly(2026, 11, 1)).Tasks);
    }
}
