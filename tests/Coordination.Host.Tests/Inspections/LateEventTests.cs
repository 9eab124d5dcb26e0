using System.Text.Json;
using Coordination.Contracts.Inspections;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// The edge records a reply, an appeal or an answer and publishes its event in the same
/// transaction, but the workflow may consume a timer of its own first, or get the event twice.
/// Such an event carries nothing new and is ignored. Before, it failed every retry with
/// MassTransit's NotAcceptedStateMachineException ("Not accepted in state …") and became an
/// incident for the administrators that no retry could settle; and the reply to a proposal
/// since replaced by a harsher one ended the new proposal's reply time at once, with a
/// decision task saying the licensee did not reply in time.
/// </summary>
public sealed class LateEventTests
{
    private const string ReplyText = "We have trained the staff and hired two more guards.";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reply_recorded_as_the_reply_time_ran_out_is_kept_when_its_event_arrives_after_the_deadline(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var communicated = await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        var due = communicated.GetProperty("replyDueAt").GetDateTimeOffset();

        // The reply is recorded a minute before the deadline; its event is still on its way when the deadline's timer is consumed.
        clock.AdvanceTo(due.AddMinutes(-1));
        var repliedAt = clock.GetUtcNow();
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            var supervision = await db.Set<SupervisionCase>().SingleAsync(c => c.Id == caseId);
            supervision.Reply = ReplyText;
            supervision.RepliedAt = repliedAt;
            return await db.SaveChangesAsync();
        });
        clock.AdvanceTo(due.AddMinutes(1));
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "AwaitingDecision", WorkflowWait, "the deadline's timer consumed", clock.TickSecond);

        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new KommuniceringReplied(caseId, repliedAt)));

        var supervision = await scenario.SupervisionCaseAsync(caseId);
        Assert.Equal("AwaitingDecision", supervision.GetProperty("status").GetString());
        Assert.Equal(ReplyText, supervision.GetProperty("reply").GetString());
        var decision = Assert.Single(await DecisionTasksAsync(scenario, caseId));
        Assert.Equal("The licensee replied: prepare the decision", decision.GetProperty("title").GetString());
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/decision", new { sanction = "Varning" });
    }

    /// <summary>
    /// The other order: the reply time's timer fired before the reply's <c>Unschedule</c> was
    /// consumed, and arrives after it, here once a harsher proposal's reply time runs. MassTransit
    /// drops it, since it carries its timer's scheduling token (ScheduledSendJob), no longer the
    /// instance's. This held before and holds; without the token it would end the new reply time.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_reply_time_timer_that_fired_before_the_reply_cancelled_it_is_dropped(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        var first = await Poll.UntilAsync(() => ReplyTimerAsync(scenario, caseId), t => t is not null, WorkflowWait, "the reply time's timer set");
        await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = ReplyText });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply consumed", clock.TickSecond);
        await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        await Poll.UntilAsync(() => ReplyTimerAsync(scenario, caseId), t => t is not null && t != first, WorkflowWait, "the new reply time's timer set");

        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new KommuniceringReplyDeadlinePassed(caseId), first));

        Assert.Equal("AwaitingReply", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
        Assert.Empty(await DecisionTasksAsync(scenario, caseId));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_reply_to_a_replaced_proposal_arriving_again_does_not_end_the_reply_time_of_the_harsher_one(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        var replied = await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = ReplyText });
        var repliedAt = replied.GetProperty("repliedAt").GetDateTimeOffset();
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply consumed", clock.TickSecond);

        // A harsher proposal is communicated; the first reply's event comes again (a redelivery, or an incident's retry).
        var second = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "AwaitingReply", WorkflowWait, "the second kommunicering consumed", clock.TickSecond);
        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new KommuniceringReplied(caseId, repliedAt)));

        // The licensee still has the new reply time; only when it runs out is the decision prepared, saying so.
        Assert.Equal("AwaitingReply", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
        Assert.Empty(await DecisionTasksAsync(scenario, caseId));
        clock.AdvanceTo(second.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the new reply time runs out", clock.TickSecond);
        var decision = Assert.Single(await DecisionTasksAsync(scenario, caseId));
        Assert.Equal("The licensee did not reply in time: prepare the decision", decision.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_appeal_recorded_as_the_window_closed_is_kept_when_its_event_arrives_after_the_windows_timer(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = ReplyText });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply consumed", clock.TickSecond);
        var decided = await scenario.Officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning" });
        var appealEnds = decided.GetProperty("appealEndsAt").GetDateTimeOffset();
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "AppealWindowOpen", WorkflowWait, "the decision consumed", clock.TickSecond);

        // The appeal is recorded a minute before the window closes; its event is still on its way when the window's timer is consumed.
        clock.AdvanceTo(appealEnds.AddMinutes(-1));
        var lodgedAt = clock.GetUtcNow();
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            var supervision = await db.Set<SupervisionCase>().SingleAsync(c => c.Id == caseId);
            supervision.Status = SupervisionStatus.Appealed;
            supervision.AppealLodgedAt = lodgedAt;
            return await db.SaveChangesAsync();
        });
        clock.AdvanceTo(appealEnds.AddMinutes(1));
        await Poll.UntilAsync(() => LateDelivery.StateAsync<SupervisionCaseState>(scenario, caseId), s => s == "UnderFollowUp", WorkflowWait, "the window's timer consumed", clock.TickSecond);

        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new AppealLodged(caseId, lodgedAt)));
        var supervision = await scenario.SupervisionCaseAsync(caseId);
        Assert.Equal("Appealed", supervision.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_answer_delivered_twice_changes_nothing_and_a_replanning_at_the_same_moment_ends_the_task_it_opened(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var clock = scenario.Host.Clock;
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");

        // Accepted, and the same answer again (redelivered).
        var accepted = await scenario.PlanRoundAsync(venueId);
        var acceptance = (await scenario.PoliceRequestAsync(accepted)).GetProperty("id").GetGuid();
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{acceptance}/accept");
        await Poll.UntilAsync(() => LateDelivery.StateAsync<ParticipationRequestState>(scenario, acceptance), s => s == "Accepted", WorkflowWait, "the acceptance consumed", clock.TickSecond);
        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new ParticipationAnswered(acceptance, accepted, scenario.MunicipalityId, "Accepted", null, null)));
        Assert.Equal("Accepted", await LateDelivery.StateAsync<ParticipationRequestState>(scenario, acceptance));

        // Declined, and the round planned again while the decline was on its way: the replanning cancelled the request too.
        var declined = await scenario.PlanRoundOnAsync("2026-12-04", venueId);
        var request = await scenario.PoliceRequestAsync(declined);
        var requestId = request.GetProperty("id").GetGuid();
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{requestId}/decline", new { reason = "The derby." });
        var replan = (await Poll.UntilAsync(() => ReplanTasksAsync(scenario, declined), tasks => tasks.Count == 1, WorkflowWait, "the task to plan the round again", clock.TickSecond)).Single();
        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new ParticipationAnswered(requestId, declined, scenario.MunicipalityId, "Declined", null, "The derby.")));
        Assert.Single(await ReplanTasksAsync(scenario, declined));
        LateDelivery.AssertConsumed(await LateDelivery.DeliverAsync(scenario, new ParticipationAnswered(requestId, declined, scenario.MunicipalityId, "Cancelled", null, null)));

        Assert.Null(await LateDelivery.StateAsync<ParticipationRequestState>(scenario, requestId));
        var cancelled = (await scenario.OfficerTasksAsync(open: false)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == replan.GetProperty("id").GetGuid());
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
    }

    private static Task<Guid?> ReplyTimerAsync(InspectionScenario scenario, Guid caseId) =>
        scenario.Host.WithDatabaseAsync(db => db.Set<SupervisionCaseState>().AsNoTracking().Where(s => s.CorrelationId == caseId).Select(s => s.ReplyDeadlineToken).FirstOrDefaultAsync());

    private static async Task<List<JsonElement>> DecisionTasksAsync(InspectionScenario scenario, Guid caseId) =>
        (await scenario.OfficerTasksAsync()).EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "DecideSupervisionCase" && t.GetProperty("supervisionCaseId").GetGuid() == caseId)
            .ToList();

    private static async Task<List<JsonElement>> ReplanTasksAsync(InspectionScenario scenario, Guid roundId) =>
        (await scenario.OfficerTasksAsync()).EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "ReplanRound" && t.GetProperty("roundId").GetGuid() == roundId)
            .ToList();
}
