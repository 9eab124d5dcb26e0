using System.Net;
using Coordination.Host.FollowUp;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>
/// "Inte gjorda" reviews are those whose due date passed in the half-year without their being
/// held. The report counted every review due in the half-year and not yet held, also those not yet
/// due, and dropped one cancelled after it had become overdue (closing the case cancels it).
/// </summary>
public sealed class FollowUpReviewsTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    [Fact]
    public async Task A_review_not_yet_due_is_not_counted_as_not_done_and_one_cancelled_while_overdue_stays_counted()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("School");
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[] { new { what = "Weekly talk", agency = "School", byDate = "2026-12-18" } },
        }, HttpStatusCode.Created);
        var reviewId = plan.GetProperty("reviewId").GetGuid();
        var reviewDue = plan.GetProperty("reviewDue").GetDateTimeOffset();
        var half = HalfYear.Containing(reviewDue);
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == reviewId), "the review scheduled");

        host.Clock.AdvanceTo(reviewDue - TimeSpan.FromDays(20));
        Assert.Equal(half, HalfYear.Containing(host.Clock.GetUtcNow()));
        Assert.Equal(0, NotDone(await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices, half)));

        host.Clock.AdvanceTo(reviewDue + TimeSpan.FromDays(1));
        Assert.Equal(1, NotDone(await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices, half)));

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Moved away; the plan ends." }, HttpStatusCode.NoContent);
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == reviewId && r.CancelledAt != null), "the overdue review cancelled");

        Assert.Equal(1, NotDone(await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices, half)));
    }

    private static int NotDone(FollowUpReport report) => FollowUpReports.Row(report, "Reviews", "NotDone");
}
