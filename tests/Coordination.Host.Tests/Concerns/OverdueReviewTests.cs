using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A review past its due date is in the managers' overdue list by its date, not by the state its
/// deadline timer sets: a timer that never fires (ADR 0016: one whose message can no longer be
/// built becomes an operator's incident) must not hide the review from the managers.
/// </summary>
public sealed class OverdueReviewTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    [Fact]
    public async Task A_review_past_its_due_date_is_overdue_for_the_manager_even_when_its_deadline_timer_never_fired()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
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

        // The review's deadline timer is lost.
        var token = await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ReviewState>().Where(r => r.CorrelationId == reviewId).Select(r => r.DeadlineTokenId).FirstOrDefaultAsync()),
            t => t is not null, WorkflowWait, "the review's deadline timer", host.Clock.TickSecond);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobKey(token!.Value.ToString("N"), WorkflowTimerJobs.Group);
        await Poll.UntilAsync(async () => await scheduler.GetJobDetail(job) is not null, exists => exists, WorkflowWait, "the deadline job stored", host.Clock.TickSecond);
        Assert.True(await scheduler.DeleteJob(job));

        // Before its date it is not overdue; a day after, it is, though its state still says Due.
        host.Clock.AdvanceTo(reviewDue - TimeSpan.FromDays(1));
        Assert.DoesNotContain(reviewId, await OverdueReviewsAsync(users));
        host.Clock.AdvanceTo(reviewDue + TimeSpan.FromDays(1));
        Assert.Contains(reviewId, await OverdueReviewsAsync(users));
        Assert.NotEqual("Overdue", await host.WithDatabaseAsync(db => db.Set<ReviewState>().Where(r => r.CorrelationId == reviewId).Select(r => r.CurrentState).FirstAsync()));
    }

    private static async Task<List<Guid>> OverdueReviewsAsync(Caseworkers users) =>
        [.. (await users.GetJsonAsync(SocialManager, "/api/overdue")).GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("reviews").EnumerateArray())
            .Select(r => r.GetProperty("id").GetGuid())];
}
