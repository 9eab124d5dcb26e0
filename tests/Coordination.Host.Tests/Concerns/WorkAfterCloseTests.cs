using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Closing a concern ends its pending reviews and tasks, found by the concern's id. A review or
/// task whose first message is consumed after the close's found nothing to end then, and lived on:
/// reminders, an overdue review on the managers' list and an escalation for a closed case. Such
/// work is now born cancelled.
/// </summary>
public sealed class WorkAfterCloseTests
{
    private static readonly string[] Goals = ["Alva attends school"];

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_review_scheduled_after_the_close_was_consumed_is_born_cancelled_without_timers(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "review-after-close");
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("School");
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[] { new { what = "Weekly talk", agency = "School", byDate = "2026-12-18" } },
        }, HttpStatusCode.Created);
        var first = plan.GetProperty("reviewId").GetGuid();
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "The plan ended early." }, HttpStatusCode.NoContent);
        await Poll.UntilAsync(() => StateOfAsync(host, first), s => s?.CurrentState == "Cancelled", WorkflowWait, "the first review cancelled by the close", host.Clock.TickSecond);

        // The next review's schedule, as when the close overtook it on the way.
        var late = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        var (municipality, agency) = await OwnersOfAsync(host, first);
        await host.Services.GetRequiredService<IBus>().Publish(new ReviewScheduled(late, id, municipality, agency, 2, now.AddDays(180), now.AddDays(170)));

        var state = await Poll.UntilAsync(() => StateOfAsync(host, late), s => s is not null, WorkflowWait, "the late review stored", host.Clock.TickSecond);
        Assert.Equal("Cancelled", state!.CurrentState);
        Assert.Null(state.ReminderTokenId);
        Assert.Null(state.DeadlineTokenId);
        host.Clock.Advance(TimeSpan.FromDays(181));
        var overdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        Assert.DoesNotContain(overdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("reviews").EnumerateArray()), r => r.GetProperty("id").GetGuid() == late);
    }

    [Fact]
    public async Task Requests_after_the_close_was_recorded_are_refused_before_the_workflow_has_consumed_it()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("School");
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Moved to another municipality." }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "Closed", "the concern closed");

        // As in the moment between the close's commit and its consumption: the state still open.
        await host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosedAt, (DateTimeOffset?)null).SetProperty(s => s.CurrentState, "AwaitingProtectiveAssessment")));

        var assessment = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.Conflict);
        Assert.Equal("Concern closed", assessment.GetProperty("title").GetString());
        var again = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Closed twice." }, HttpStatusCode.Conflict);
        Assert.Equal("Concern not open", again.GetProperty("title").GetString());
        Assert.Single((await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "ConcernClosed");
    }

    private static Task<ReviewState?> StateOfAsync(InProcessHostFactory host, Guid reviewId) =>
        host.WithDatabaseAsync(db => db.Set<ReviewState>().AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == reviewId));

    private static async Task<(Guid Municipality, Guid Agency)> OwnersOfAsync(InProcessHostFactory host, Guid reviewId)
    {
        var review = await StateOfAsync(host, reviewId);
        return (review!.MunicipalityId, review.AgencyId);
    }
}
