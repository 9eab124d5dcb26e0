using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Workflow A through HTTP, with the clock moved rather than waited for. Every test runs on
/// SQLite with the in-memory bus and on PostgreSQL with RabbitMQ.
/// </summary>
public abstract class ConcernWorkflowTests
{
    private static readonly string[] Goals = ["Alva attends school every day", "Alva keeps away from the group at the station"];

    protected abstract Task<EmbeddedHostFactory> StartAsync(DateTimeOffset start);

    [Fact]
    public virtual async Task A_concern_travels_from_the_teacher_through_consent_tasks_escalation_plan_and_review_to_closing_with_nothing_left_pending()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var school = await users.AgencyOfAsync(Teacher);
        var police = await users.AgencyOfAsync(Police);

        // The teacher raises the concern on Monday at 09:00; reception's protective assessment is due today at 16:00.
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        var endOfToday = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(endOfToday, raised.GetProperty("protectiveAssessmentDue").GetDateTimeOffset());
        var protective = await users.WaitForTaskAsync(Reception, id, "ProtectiveAssessment");
        Assert.Equal(endOfToday, protective.GetProperty("dueAt").GetDateTimeOffset());
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the concern registered");

        // Neither an assessment that does not say whether protection is needed, nor completing its
        // task on its own (which left the concern waiting for an assessment nobody would record).
        var missing = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { }, HttpStatusCode.BadRequest);
        Assert.Equal(["immediateProtectionNeeded"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await users.PostJsonAsync(Reception, $"/api/tasks/{protective.GetProperty("id").GetGuid()}/complete", new { }, HttpStatusCode.Conflict);
        Assert.Equal("AwaitingProtectiveAssessment", (await users.ConcernAsync(id)).GetProperty("status").GetString());

        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);

        // Consent from the guardians: police and school get joint-work tasks, due in three working days.
        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police", "School"), HttpStatusCode.Created);
        Assert.Equal(["School", "Police"], consent.GetProperty("offeredTo").EnumerateArray().Select(e => e.GetString()));
        var policeTask = await users.WaitForTaskAsync(Police, id, "JointWork");
        var schoolTask = await users.WaitForTaskAsync(Teacher, id, "JointWork");
        var due = new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, schoolTask.GetProperty("dueAt").GetDateTimeOffset());

        // Police accept; the school does not answer.
        await users.PostJsonAsync(Police, $"/api/tasks/{policeTask.GetProperty("id").GetGuid()}/accept", new { }, HttpStatusCode.Accepted);
        await users.WaitForConcernAsync(id, c => TaskIn(c, "JointWork", police).GetProperty("state").GetString() == "Accepted", "the police task accepted");

        // A day later the school is reminded; when the deadline passes the task goes to the school's manager.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await users.WaitForConcernAsync(id, c => TaskIn(c, "JointWork", school).GetProperty("reminders").GetInt32() >= 1, "a reminder to the school");
        host.Clock.AdvanceTo(due + TimeSpan.FromMinutes(1));
        var escalated = await DiagnoseAsync(host, users, id, () => users.WaitForConcernAsync(id, c => TaskIn(c, "JointWork", school).GetProperty("escalatedAt").ValueKind != JsonValueKind.Null, "the school task escalated"));
        Assert.Equal(due, TaskIn(escalated, "JointWork", school).GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, TaskIn(escalated, "JointWork", police).GetProperty("escalatedAt").ValueKind);
        var schoolOverdue = await users.GetJsonAsync(SchoolManager, "/api/overdue");
        Assert.Contains(OverdueTasks(schoolOverdue), t => t.GetProperty("id").GetGuid() == schoolTask.GetProperty("id").GetGuid() && t.GetProperty("escalatedAt").ValueKind != JsonValueKind.Null);

        // The network meeting agrees a plan; the first review falls due six months later.
        var plan = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new
        {
            goals = Goals,
            actions = new object[]
            {
                new { what = "Weekly talk with the mentor", agency = "School", byDate = "2026-12-18" },
                new { what = "Youth police meet Alva and her mother", agency = "Police", byDate = "2026-12-11" },
            },
        }, HttpStatusCode.Created);
        var reviewId = plan.GetProperty("reviewId").GetGuid();
        var reviewDue = plan.GetProperty("reviewDue").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2027, 5, 26, 14, 0, 0, TimeSpan.Zero), reviewDue);
        await users.WaitForTaskAsync(Police, id, "PlanAction");

        host.Clock.AdvanceTo(reviewDue - TimeSpan.FromDays(13));
        await users.WaitForConcernAsync(id, c => ReviewState(c, reviewId) == "Due", "the review coming due");
        host.Clock.AdvanceTo(reviewDue + TimeSpan.FromHours(1));
        await users.WaitForConcernAsync(id, c => ReviewState(c, reviewId) == "Overdue", "the review overdue");
        var socialOverdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        Assert.Contains(socialOverdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("reviews").EnumerateArray()), r => r.GetProperty("id").GetGuid() == reviewId);

        // The review is held and continues; then the case is closed.
        var next = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/reviews/{reviewId}/done", new { outcome = "Continue" }, HttpStatusCode.OK);
        var nextReviewId = next.GetProperty("nextReviewId").GetGuid();
        await users.WaitForConcernAsync(id, c => c.GetProperty("reviews").EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == nextReviewId), "the next review scheduled");
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "The plan's goals were reached." }, HttpStatusCode.NoContent);

        var closed = await users.WaitForConcernAsync(id, c =>
            c.GetProperty("status").GetString() == "Closed"
            && c.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("state").GetString() is "Completed" or "Declined" or "Cancelled")
            && c.GetProperty("reviews").EnumerateArray().All(r => r.GetProperty("state").GetString() is "Done" or "Cancelled"),
            "the case closed with every task and review finished");
        Assert.Equal("Cancelled", TaskIn(closed, "JointWork", school).GetProperty("state").GetString());
        Assert.Equal("Cancelled", closed.GetProperty("reviews").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == nextReviewId).GetProperty("state").GetString());
        Assert.DoesNotContain(await users.QueueAsync(Police), t => t.GetProperty("concernId").GetGuid() == id);
        // On SQLite cancelled timers leave Quartz through the outbox, a moment after the close.
        await Poll.UntilAsync(async () => string.Join(", ", await PendingTimersAsync(host)), timers => timers.Length == 0, WorkflowWait, "every timer cancelled");
        Assert.Empty(OverdueTasks(await users.GetJsonAsync(SchoolManager, "/api/overdue")));
    }

    [Fact]
    public async Task Police_read_a_concern_only_under_a_recorded_basis_and_lose_it_and_their_open_tasks_when_consent_is_withdrawn()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var police = await users.AgencyOfAsync(Police);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(protectedIdentity: true), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await users.WaitForTaskAsync(Reception, id, "ProtectiveAssessment");

        // Reception's task and the concern's workflow are started by two messages, consumed
        // independently: until the second is, the assessment is refused as "still being registered".
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the concern registered");

        using (var before = await users.GetAsync(Police, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        using (var chronologyBefore = await users.GetAsync(Police, $"/api/concerns/{id}/chronology"))
        {
            Assert.Equal(HttpStatusCode.NotFound, chronologyBefore.StatusCode);
        }

        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        await users.WaitForTaskAsync(Police, id, "JointWork");
        var shared = await users.GetJsonAsync(Police, $"/api/concerns/{id}");
        Assert.Equal("Shared", shared.GetProperty("access").GetString());
        Assert.False(shared.TryGetProperty("description", out _));
        Assert.False(shared.TryGetProperty("guardianKnowledge", out _));
        Assert.Equal("Skyddad identitet", shared.GetProperty("youngPerson").GetProperty("name").GetString());
        Assert.DoesNotContain(ConcernRequests.FourteenYearOld, shared.GetRawText(), StringComparison.Ordinal);

        // The school says where the young person is every weekday: hidden outside social services too.
        Assert.Equal("Skyddad identitet", shared.GetProperty("school").GetString());
        Assert.DoesNotContain("Älvby skola", shared.GetRawText(), StringComparison.Ordinal);

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{consent.GetProperty("id").GetGuid()}/withdrawal", new { }, HttpStatusCode.NoContent);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = true }, HttpStatusCode.NoContent);

        using (var after = await users.GetAsync(Police, $"/api/concerns/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        using (var chronologyAfter = await users.GetAsync(Police, $"/api/concerns/{id}/chronology"))
        {
            Assert.Equal(HttpStatusCode.NotFound, chronologyAfter.StatusCode);
        }

        var withdrawn = await users.WaitForConcernAsync(id, c => TaskIn(c, "JointWork", police).GetProperty("state").GetString() == "Cancelled", "the police task cancelled");
        Assert.Contains("withdrawn", TaskIn(withdrawn, "JointWork", police).GetProperty("cancelReason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await users.QueueAsync(Police), t => t.GetProperty("concernId").GetGuid() == id);

        // Nobody outside social services of the municipality reads it: not an administrator, not another municipality.
        using var administrator = await users.GetAsync(SchoolAdministrator, $"/api/concerns/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, administrator.StatusCode);
        using var elsewhere = await users.GetAsync(OtherMunicipalityTeacher, $"/api/concerns/{id}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        // The teacher who reported sees only the report and, later, the feedback.
        var reporter = await users.GetJsonAsync(Teacher, $"/api/concerns/{id}");
        Assert.Equal("Reporter", reporter.GetProperty("access").GetString());
        Assert.False(reporter.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task A_concern_raised_at_half_past_four_on_the_Thursday_before_Midsummer_Eve_gets_its_protective_assessment_due_on_Monday()
    {
        // Thursday 24 June 2027, 16:30 in Stockholm (CEST): after office hours; Friday is Midsummer Eve.
        await using var host = await StartAsync(new DateTimeOffset(2027, 6, 24, 14, 30, 0, TimeSpan.Zero));
        using var users = new Caseworkers(host);

        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);

        var mondayAtFour = new DateTimeOffset(2027, 6, 28, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(mondayAtFour, raised.GetProperty("protectiveAssessmentDue").GetDateTimeOffset());
        var task = await users.WaitForTaskAsync(Reception, raised.GetProperty("id").GetGuid(), "ProtectiveAssessment");
        Assert.Equal(mondayAtFour, task.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_concern_raised_on_10_December_gets_its_preliminary_assessment_due_after_Christmas_not_on_Christmas_Eve()
    {
        await using var host = await StartAsync(new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.Zero));
        using var users = new Caseworkers(host);

        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();

        // The 14th day is Christmas Eve; Christmas Day, Boxing Day and Sunday follow: Monday 28 December at 16:00 CET.
        var mondayAfterChristmas = new DateTimeOffset(2026, 12, 28, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(mondayAfterChristmas, raised.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset());
        var concern = await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() != "Registering", "the concern registered");
        Assert.Equal(mondayAfterChristmas, concern.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset());
    }

    [Fact]
    public async Task Invalid_concerns_are_refused_with_problem_details_naming_the_field_and_nothing_is_stored()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);

        await AssertRefusedAsync(users, ConcernRequests.Concern(personnummer: "20120315-1237"), "youngPerson.personalIdentityNumber", "check digit");
        await AssertRefusedAsync(users, ConcernRequests.Concern(categories: ["CrimeRisk", "Graffiti"]), "categories[1]", "Graffiti");
        await AssertRefusedAsync(users, ConcernRequests.Concern(description: "  "), "description", "required");

        Assert.Equal(0, await QueryAsync(host, db => db.Set<Concern>().CountAsync()));
        Assert.Empty(await users.QueueAsync(Reception));
    }

    [Fact]
    public async Task A_task_answered_twice_gets_a_conflict_and_keeps_its_first_answer()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        var taskId = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();

        await users.PostJsonAsync(Police, $"/api/tasks/{taskId}/accept", new { }, HttpStatusCode.Accepted);
        var again = await users.PostJsonAsync(Police, $"/api/tasks/{taskId}/decline", new { reason = "No capacity" }, HttpStatusCode.Conflict);

        Assert.Equal("Task already answered", again.GetProperty("title").GetString());
        var police = await users.AgencyOfAsync(Police);
        await users.WaitForConcernAsync(id, c => TaskIn(c, "JointWork", police).GetProperty("state").GetString() == "Accepted", "the first answer kept");
        Assert.Equal(1, await QueryAsync(host, db => db.Set<AgencyTaskAnswer>().CountAsync(a => a.TaskId == taskId)));
    }

    [Fact]
    public async Task A_task_cannot_be_worked_on_once_the_basis_sharing_its_concern_is_withdrawn_even_before_its_workflow_cancels_it()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        var taskId = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();

        // The withdrawal as committed, in the moment before the task's workflow has consumed the
        // cancellation it causes (a message; longer while the broker is down).
        var basisId = consent.GetProperty("id").GetGuid();
        var withdrawnAt = host.Clock.GetUtcNow();
        await QueryAsync(host, db => db.Set<SharingBasis>().Where(b => b.Id == basisId).ExecuteUpdateAsync(s => s.SetProperty(b => b.WithdrawnAt, withdrawnAt)));

        var accepted = await users.PostJsonAsync(Police, $"/api/tasks/{taskId}/accept", new { }, HttpStatusCode.Conflict);
        Assert.Equal("Sharing ended", accepted.GetProperty("title").GetString());
        var claimed = await users.PostJsonAsync(Police, $"/api/tasks/{taskId}/claim", new { }, HttpStatusCode.Conflict);
        Assert.Equal("Sharing ended", claimed.GetProperty("title").GetString());
        Assert.Equal(0, await QueryAsync(host, db => db.Set<AgencyTaskAnswer>().CountAsync(a => a.TaskId == taskId)));
        Assert.Equal("Offered", await QueryAsync(host, db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == taskId).Select(t => t.CurrentState).SingleAsync()));
    }

    [Fact]
    public async Task A_basis_recorded_before_a_withdrawal_is_consumed_gives_the_party_a_new_task_when_the_withdrawal_ends_the_old_one()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        var oldTask = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();

        // The consent's withdrawal as committed, its message (no agency still shared: the police's
        // task ends) not yet consumed, as while the broker is down; a provision then shares the
        // concern with the police again.
        var basisId = consent.GetProperty("id").GetGuid();
        var withdrawnAt = host.Clock.GetUtcNow();
        await QueryAsync(host, db => db.Set<SharingBasis>().Where(b => b.Id == basisId).ExecuteUpdateAsync(s => s.SetProperty(b => b.WithdrawnAt, withdrawnAt)));
        host.Clock.TickSecond();
        var provision = await users.PostJsonAsync(
            Coordinator,
            $"/api/concerns/{id}/legal-bases",
            ConcernRequests.Provision("Police"),
            HttpStatusCode.Created);
        Assert.Equal(["Police"], provision.GetProperty("offeredTo").EnumerateArray().Select(p => p.GetString()));

        await host.Services.GetRequiredService<MassTransit.IBus>().Publish(new Coordination.Contracts.Concerns.SharingBasisWithdrawn(id, basisId, [], withdrawnAt));
        await Poll.UntilAsync(
            () => QueryAsync(host, db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == oldTask).Select(t => t.CurrentState).SingleAsync()),
            state => state == "Cancelled",
            Caseworkers.WorkflowWait,
            "the withdrawn consent's task cancelled",
            host.Clock.TickSecond);
        var queue = await Poll.UntilAsync(
            () => users.QueueAsync(Police),
            q => q.Exists(t => IsTask(t, id, "JointWork") && t.GetProperty("id").GetGuid() != oldTask),
            Caseworkers.WorkflowWait,
            "the police's new joint-work task",
            host.Clock.TickSecond);
        Assert.Single(queue, t => IsTask(t, id, "JointWork"));
    }

    [Fact]
    public async Task An_investigation_past_its_four_months_is_overdue_for_the_manager_until_it_is_finished_and_the_reporter_is_told_only_what_was_decided()
    {
        await using var host = await StartAsync(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the concern registered");
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        var decided = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        var investigationDue = decided.GetProperty("investigationDue").GetDateTimeOffset();
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened");

        // The teacher's school and the police take part in the joint work.
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police", "School"), HttpStatusCode.Created);
        await users.WaitForTaskAsync(Police, id, "JointWork");

        // The reporter may only be told what was decided.
        var untrue = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/feedback", new { outcome = "InvestigationNotOpened" }, HttpStatusCode.BadRequest);
        Assert.Contains("InvestigationOpened", untrue.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/feedback", new { outcome = "InvestigationOpened" }, HttpStatusCode.NoContent);

        // The teacher's school takes part, so the teacher gets the shared view: the feedback is
        // still theirs, and not the police's, neither in the case nor in its chronology (the
        // decision it tells is social services' own and is not in the shared view).
        await users.WaitForConcernAsync(id, c => c.GetProperty("feedback").GetString() == "InvestigationOpened", "the feedback recorded");
        var reporterView = await users.GetJsonAsync(Teacher, $"/api/concerns/{id}");
        Assert.Equal("Shared", reporterView.GetProperty("access").GetString());
        Assert.Equal("InvestigationOpened", reporterView.GetProperty("feedback").GetString());
        var policeView = await users.GetJsonAsync(Police, $"/api/concerns/{id}");
        Assert.Equal(JsonValueKind.Null, policeView.GetProperty("feedback").ValueKind);

        // Nor does the status tell the police, or the school, that an investigation was opened:
        // the shared view says only that the joint case is open.
        Assert.Equal("Open", policeView.GetProperty("status").GetString());
        Assert.Equal("Open", reporterView.GetProperty("status").GetString());
        Assert.DoesNotContain("Investigat", policeView.GetRawText(), StringComparison.Ordinal);
        static IEnumerable<string?> Kinds(JsonElement chronology) => chronology.EnumerateArray().Select(e => e.GetProperty("kind").GetString());
        Assert.Contains("ReporterFeedbackGiven", Kinds(await users.GetJsonAsync(Teacher, $"/api/concerns/{id}/chronology")));
        Assert.DoesNotContain("ReporterFeedbackGiven", Kinds(await users.GetJsonAsync(Police, $"/api/concerns/{id}/chronology")));

        // Months before its limit the investigation is nowhere on the manager's lists; in its
        // last working days it is near the limit; past the four months it is overdue.
        Assert.DoesNotContain(id, await InvestigationsAsync(users, "nearLimit"));
        host.Clock.AdvanceTo(investigationDue - TimeSpan.FromDays(1));
        Assert.Contains(id, await InvestigationsAsync(users, "nearLimit"));
        Assert.DoesNotContain(id, await OverdueInvestigationsAsync(users));
        host.Clock.AdvanceTo(investigationDue + TimeSpan.FromHours(1));
        Assert.Contains(id, await OverdueInvestigationsAsync(users));
        Assert.DoesNotContain(id, await InvestigationsAsync(users, "nearLimit"));

        var finished = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/completion", new { conclusion = "MeasuresDecided" }, HttpStatusCode.OK);
        Assert.Equal("MeasuresDecided", finished.GetProperty("conclusion").GetString());
        var concern = await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "Investigated", "the investigation finished");
        Assert.Equal("MeasuresDecided", concern.GetProperty("investigationConclusion").GetString());
        Assert.DoesNotContain(id, await OverdueInvestigationsAsync(users));

        // Finished is finished: neither a second finish nor an extension is taken.
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/completion", new { conclusion = "NoMeasures" }, HttpStatusCode.Conflict);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/extension", new { newDueDate = "2027-12-01", reason = "Waiting for a medical report" }, HttpStatusCode.Conflict);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/completion", new { conclusion = "Maybe" }, HttpStatusCode.BadRequest);
    }

    private static Task<List<Guid>> OverdueInvestigationsAsync(Caseworkers users) => InvestigationsAsync(users, "assessments");

    /// <summary>The concerns whose investigation is on the manager's list <paramref name="list"/> (assessments: overdue; nearLimit).</summary>
    private static async Task<List<Guid>> InvestigationsAsync(Caseworkers users, string list)
    {
        var overdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        return [.. overdue.GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty(list).EnumerateArray())
            .Where(a => a.GetProperty("assessment").GetString() == "Investigation")
            .Select(a => a.GetProperty("concernId").GetGuid())];
    }

    private static async Task AssertRefusedAsync(Caseworkers users, object request, string field, string messagePart)
    {
        using var response = await users.PostAsync(Teacher, "/api/concerns", request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected an error for {field}: {errors}");
        Assert.Contains(messagePart, messages[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<T> DiagnoseAsync<T>(EmbeddedHostFactory host, Caseworkers users, Guid id, Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var triggers = new List<string>();
            foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()))
            {
                var trigger = await scheduler.GetTrigger(key);
                triggers.Add($"{key} next={trigger?.StartTimeUtc:o} state={await scheduler.GetTriggerState(key)}");
            }

            throw new TimeoutException($"{e.Message}\nclock={host.Clock.GetUtcNow():o}\nCHRONOLOGY {chronology}\nTRIGGERS {string.Join("; ", triggers)}", e);
        }
    }

    private static IEnumerable<JsonElement> OverdueTasks(JsonElement overdue) =>
        overdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("tasks").EnumerateArray());

    // Null until the review's record has been written: the plan's review is created asynchronously.
    private static string? ReviewState(JsonElement concern, Guid reviewId) =>
        concern.GetProperty("reviews").EnumerateArray()
            .Where(r => r.GetProperty("id").GetGuid() == reviewId)
            .Select(r => r.GetProperty("state").GetString())
            .FirstOrDefault();

    /// <summary>The workflows' pending timers (not the service's own recurring jobs), as "job key" text for the failure message.</summary>
    private static async Task<List<string>> PendingTimersAsync(EmbeddedHostFactory host)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return [.. (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(WorkflowTimerJobs.Group))).Select(k => k.ToString())];
    }

    private static async Task<T> QueryAsync<T>(EmbeddedHostFactory host, Func<CoordinationDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>());
    }
}
