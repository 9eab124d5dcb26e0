using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
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

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_task_offered_after_the_withdrawal_or_the_close_was_consumed_is_born_cancelled_without_a_timer(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "task-after-close");
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var first = await users.WaitForTaskAsync(Police, id, "JointWork");
        var police = await users.AgencyOfAsync(Police);
        var municipality = await host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == id).Select(s => s.MunicipalityId).SingleAsync());
        var basis = await host.WithDatabaseAsync(db => db.Set<Coordination.Workflows.Concerns.Sharing.SharingBasis>().Where(b => b.ConcernId == id).Select(b => b.Id).SingleAsync());
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{basis}/withdrawal", new { }, HttpStatusCode.NoContent);
        await Poll.UntilAsync(() => TaskStateAsync(host, first.GetProperty("id").GetGuid()), s => s?.CurrentState == "Cancelled", WorkflowWait, "the police's task cancelled by the withdrawal", host.Clock.TickSecond);

        // An offer to the police, as when the withdrawal overtook it on the way: the police are no longer shared with.
        var afterWithdrawal = await OfferAsync(host, id, municipality, police);
        Assert.Equal("Consent was withdrawn: the concern is no longer shared with the agency.", afterWithdrawal.CancelReason);

        // And one to social services itself, which needs no sharing, after the close.
        var social = await users.AgencyOfAsync(Coordinator);
        var beforeClose = await OfferAsync(host, id, municipality, social, endsWithSharing: false);
        Assert.Null(beforeClose.CancelReason);
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Moved to another municipality." }, HttpStatusCode.NoContent);
        await Poll.UntilAsync(() => TaskStateAsync(host, beforeClose.CorrelationId), s => s?.CurrentState == "Cancelled", WorkflowWait, "the open task cancelled by the close", host.Clock.TickSecond);
        var afterClose = await OfferAsync(host, id, municipality, social, endsWithSharing: false);
        Assert.Equal("The concern was closed.", afterClose.CancelReason);
    }

    /// <summary>Publishes an offer straight to the bus and returns the task as its workflow stored it.</summary>
    private static async Task<AgencyTaskState> OfferAsync(EmbeddedHostFactory host, Guid concernId, Guid municipality, Guid agency, bool endsWithSharing = true)
    {
        var taskId = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        await host.Services.GetRequiredService<IBus>().Publish(new AgencyTaskOffered(
            taskId, concernId, municipality, agency, AgencyTaskKind.JointWork, "Joint work on a concern (SSPF): accept or decline", now, now.AddDays(3),
            TimeSpan.FromDays(1), TimeSpan.FromDays(1), null, endsWithSharing));
        var state = await Poll.UntilAsync(() => TaskStateAsync(host, taskId), s => s is not null, WorkflowWait, "the offered task stored", host.Clock.TickSecond);
        if (state!.CancelReason is not null)
        {
            Assert.Equal("Cancelled", state.CurrentState);
            Assert.Null(state.TimerTokenId);
        }

        return state;
    }

    private static Task<AgencyTaskState?> TaskStateAsync(InProcessHostFactory host, Guid taskId) =>
        host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().AsNoTracking().SingleOrDefaultAsync(t => t.CorrelationId == taskId));

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
