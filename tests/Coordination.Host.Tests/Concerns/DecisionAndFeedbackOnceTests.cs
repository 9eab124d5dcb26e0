using System.Net;
using System.Text.Json;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The preliminary decision and the feedback to the reporter are each made once, and the feedback
/// is owed also after a close. A second decision sent before the workflow had stored the first
/// (the case page still shows the form for that moment) was answered 200 with an investigation
/// deadline that never applied, and left a second feedback task nobody could complete; feedback
/// given after the close was dropped by the workflow and could be given again and again.
/// </summary>
public sealed class DecisionAndFeedbackOnceTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_second_decision_sent_before_the_workflow_stored_the_first_is_refused_and_the_first_stands(HostBackend backend)
    {
        var held = new HeldMessage(m => m is PreliminaryAssessmentDecided);
        await using var host = (await EmbeddedHostFactory.CreateAsync(backend, "decision-once")).WithServices(s => s.AddConsumeObserver(_ => held));
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();

        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await held.Reached.Task.WaitAsync(WorkflowWait);
        var again = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.Conflict);
        Assert.Equal("Preliminary assessment already decided", again.GetProperty("title").GetString());

        held.Release.SetResult();
        var concern = await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "NotOpened", "the decision stored");
        Assert.Equal(JsonValueKind.Null, concern.GetProperty("investigationDue").ValueKind);
        Assert.Single(await EntriesAsync(users, id, "PreliminaryAssessmentDecided"));
    }

    /// <summary>
    /// Two protective assessments sent at the same moment (a double click, two social workers):
    /// one is recorded and the other refused, and the chronology has one. Both used to pass the
    /// check before either was written.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_protective_assessments_sent_at_the_same_moment_are_recorded_once(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "protective-twice");
        using var users = new Caseworkers(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
            var path = $"/api/concerns/{id}/protective-assessment";
            var answers = await users.PostAtOnceAsync(HttpStatusCode.NoContent, (Reception, path, new { immediateProtectionNeeded = false }), (Coordinator, path, new { immediateProtectionNeeded = true }));
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.Status));
            Assert.Single(await EntriesAsync(users, id, "ProtectiveAssessmentDone"));
        }
    }

    /// <summary>
    /// Two preliminary decisions sent at the same moment (two social workers, two tabs): one is
    /// taken and the other refused, with one chronology line and one feedback task. Both used to
    /// pass the check before either was written: both were answered 200 (the second with an
    /// investigation deadline that never applied) and the second feedback task could never be
    /// completed, reminded and escalated for good.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_preliminary_decisions_sent_at_the_same_moment_are_taken_once(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "decision-twice");
        using var users = new Caseworkers(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
            var path = $"/api/concerns/{id}/preliminary-assessment";
            var answers = await users.PostAtOnceAsync(HttpStatusCode.OK, (Reception, path, new { decision = "NotOpened" }), (Coordinator, path, new { decision = "Opened" }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.Status));
            Assert.Single(await EntriesAsync(users, id, "PreliminaryAssessmentDecided"));
            await users.WaitForTaskAsync(Reception, id, "ReporterFeedback");
            var feedbackTasks = await host.WithDatabaseAsync(db => db.Set<Coordination.Workflows.Concerns.Tasks.AgencyTaskState>()
                .CountAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.ReporterFeedback));
            Assert.Equal(1, feedbackTasks);
        }
    }

    /// <summary>
    /// The protective assessment recorded while its task's offer is still on its way (a busy or
    /// restarting task queue): the task arrives done, by the official who recorded it, and never
    /// lies open in social services' queue to be reminded and escalated. Before, it stayed open for
    /// good: completing it was refused as recorded on the concern, and recording it again as done.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_protective_assessment_recorded_before_its_task_arrived_leaves_the_task_done(HostBackend backend)
    {
        var held = new HeldMessage(m => m is AgencyTaskOffered { Kind: AgencyTaskKind.ProtectiveAssessment });
        await using var host = (await EmbeddedHostFactory.CreateAsync(backend, "protective-before-task")).WithServices(s => s.AddConsumeObserver(_ => held));
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await held.Reached.Task.WaitAsync(WorkflowWait);
        try
        {
            await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        }
        finally
        {
            held.Release.TrySetResult();
        }

        var task = await Coordination.Testing.Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<Coordination.Workflows.Concerns.Tasks.AgencyTaskState>().AsNoTracking()
                .FirstOrDefaultAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.ProtectiveAssessment)),
            t => t is not null, WorkflowWait, "the protective assessment's task arrives");
        Assert.Equal("Completed", task!.CurrentState);
        Assert.NotNull(task.CompletedAt);
        var queue = await users.GetJsonAsync(Reception, "/api/tasks/queue");
        Assert.DoesNotContain(queue.EnumerateArray(), t => t.GetProperty("concernId").GetGuid() == id && t.GetProperty("kind").GetString() == "ProtectiveAssessment");
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Feedback_owed_when_the_concern_was_closed_is_still_given_once_and_the_reporter_sees_it(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "feedback-after-close");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "NotOpened", "the decision stored");
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Not opened; nothing for joint work." }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "Closed", "the concern closed");

        // The closed case's page still offers the feedback owed.
        var page = WebUtility.HtmlDecode(await (await users.GetAsync(Reception, $"/Concerns/Case/{id}")).Content.ReadAsStringAsync());
        Assert.Contains("Ärendet är avslutat, men anmälaren har inte fått återkoppling.", page, StringComparison.Ordinal);
        Assert.Contains("handler=Feedback", page, StringComparison.Ordinal);

        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/feedback", new { outcome = "InvestigationNotOpened" }, HttpStatusCode.NoContent);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/feedback", new { outcome = "InvestigationNotOpened" }, HttpStatusCode.Conflict);
        await users.WaitForConcernAsync(id, c => c.GetProperty("feedback").GetString() == "InvestigationNotOpened", "the feedback kept after the close");
        Assert.Equal("InvestigationNotOpened", (await users.GetJsonAsync(Teacher, $"/api/concerns/{id}")).GetProperty("feedback").GetString());
        Assert.Single(await EntriesAsync(users, id, "ReporterFeedbackGiven"));
        Assert.DoesNotContain("handler=Feedback", WebUtility.HtmlDecode(await (await users.GetAsync(Reception, $"/Concerns/Case/{id}")).Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>
    /// Feedback to the reporter is social services' step alone, and the shared view and the
    /// reporter's show nothing of the preliminary decision. The case page's feedback form read the
    /// decision before access was checked: the police sharing the concern, or the teacher who
    /// reported it, were told "already done, or the case is closed" while no decision was made and
    /// "you may not take this step" after it. Both are now refused alike, on the page and the API.
    /// </summary>
    [Fact]
    public async Task Another_agency_and_the_reporter_get_the_same_refusal_of_the_feedback_before_and_after_the_decision()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");

        var before = await FeedbackAnswersAsync(users, id);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "NotOpened", "the decision stored");
        var after = await FeedbackAnswersAsync(users, id);

        string[] refused =
        [
            $"{Police} page: 200 not allowed", $"{Police} api {{}}: 403 Not allowed", $"{Police} api {{\"outcome\":\"InvestigationNotOpened\"}}: 403 Not allowed",
            $"{Teacher} page: 200 not allowed", $"{Teacher} api {{}}: 403 Not allowed", $"{Teacher} api {{\"outcome\":\"InvestigationNotOpened\"}}: 403 Not allowed",
        ];
        Assert.Equal(refused, before);
        Assert.Equal(refused, after);
        Assert.Empty(await EntriesAsync(users, id, "ReporterFeedbackGiven"));
    }

    /// <summary>The answers the police and the teacher get to the case page's feedback form and to the API's feedback, without a body's outcome and with one.</summary>
    private static async Task<List<string>> FeedbackAnswersAsync(Caseworkers users, Guid id)
    {
        var answers = new List<string>();
        foreach (var user in new[] { Police, Teacher })
        {
            using (var page = await users.PostFormAsync(user, $"/Concerns/Case/{id}", "Feedback", []))
            {
                var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
                var said = html.Contains("Du får inte göra det här steget i ärendet.", StringComparison.Ordinal) ? "not allowed"
                    : html.Contains("Steget är redan gjort, eller ärendet är avslutat.", StringComparison.Ordinal) ? "already done or closed"
                    : "something else";
                answers.Add($"{user} page: {(int)page.StatusCode} {said}");
            }

            foreach (var body in new object[] { new { }, new { outcome = "InvestigationNotOpened" } })
            {
                using var api = await users.PostAsync(user, $"/api/concerns/{id}/feedback", body);
                var text = await api.Content.ReadAsStringAsync();
                var title = text.Length == 0 ? string.Empty : JsonDocument.Parse(text).RootElement.GetProperty("title").GetString();
                answers.Add($"{user} api {JsonSerializer.Serialize(body)}: {(int)api.StatusCode} {title}");
            }
        }

        return answers;
    }

    private static async Task<List<JsonElement>> EntriesAsync(Caseworkers users, Guid id, string kind) =>
        [.. (await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology")).EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind)];
}
