using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.FollowUp;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>
/// The half-year follow-up counts the answers agencies gave to joint-work tasks. Closing a case
/// or withdrawing consent cancels every open task, accepted ones included, so counting the
/// tasks' current state made nearly every acceptance vanish from "Accepted" in the end.
/// </summary>
public sealed class FollowUpTaskAnswersTests
{
    [Fact]
    public async Task An_acceptance_still_counts_after_the_case_is_closed_and_the_task_cancelled()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, id, "Police", "School");
        var police = await JointWorkTaskAsync(host, id, AgencyKind.Police);
        var school = await JointWorkTaskAsync(host, id, AgencyKind.School);

        await users.PostJsonAsync(Police, $"/api/tasks/{police}/accept", new { }, HttpStatusCode.Accepted);
        await users.PostJsonAsync(Teacher, $"/api/tasks/{school}/decline", new { reason = "No capacity this term" }, HttpStatusCode.Accepted);
        await CaseJourney.UntilAsync(host, async db => await db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id && t.AnsweredAt != null) == 2, "both answers recorded");
        await CaseJourney.CloseAsync(host, users, id);
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == police && t.CurrentState == "Cancelled"), "the accepted task cancelled");

        var report = await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices);
        Assert.Equal(1, Row(report, "Accepted"));
        Assert.Equal(1, Row(report, "Declined"));
    }

    private static Task<Guid> JointWorkTaskAsync(SecurityHost host, Guid concernId, AgencyKind kind) =>
        FindAsync(host, db => (from t in db.Set<AgencyTaskState>()
                          join a in db.Agencies on t.AgencyId equals a.Id
                          where t.ConcernId == concernId && t.Kind == AgencyTaskKind.JointWork && a.Kind == kind
                          select t.CorrelationId).SingleOrDefaultAsync(), $"the {kind} joint-work task");

    private static async Task<Guid> FindAsync(SecurityHost host, Func<Workflows.Persistence.CoordinationDbContext, Task<Guid>> find, string what)
    {
        await CaseJourney.UntilAsync(host, async db => await find(db) != Guid.Empty, what);
        return await host.WithDatabaseAsync(find);
    }

    private static int Row(FollowUpReport report, string measure) => FollowUpReports.Row(report, "Tasks", measure);
}
