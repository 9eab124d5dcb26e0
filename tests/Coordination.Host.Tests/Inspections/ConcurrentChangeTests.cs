using System.Net;
using Coordination.Contracts.Inspections;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Inspections;

/// <summary>Two changes of one record at the same moment: one is saved, the other is refused whole, never both.</summary>
public sealed class ConcurrentChangeTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_change_saved_from_an_older_version_of_a_supervision_case_is_refused(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Baren Samtidig", "556677-8899");

        // Two people read the case as it is, and both change it.
        await using var first = scenario.Host.Services.CreateAsyncScope();
        await using var second = scenario.Host.Services.CreateAsyncScope();
        var mine = await first.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<SupervisionCase>().SingleAsync(c => c.Id == caseId);
        var theirs = await second.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<SupervisionCase>().SingleAsync(c => c.Id == caseId);
        var version = mine.Version;
        mine.KommuniceringText = "Mine.";
        theirs.KommuniceringText = "Theirs.";

        await first.ServiceProvider.GetRequiredService<CoordinationDbContext>().SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.ServiceProvider.GetRequiredService<CoordinationDbContext>().SaveChangesAsync());

        await using var check = scenario.Host.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<SupervisionCase>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        Assert.Equal("Mine.", saved.KommuniceringText);
        Assert.Equal(version + 1, saved.Version);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_answer_saved_from_an_older_version_of_an_inspection_task_is_refused(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Baren Samtidig", "556677-8899");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var taskId = (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();

        // The police accept the request while the round is planned again: both read the open task.
        await using var first = scenario.Host.Services.CreateAsyncScope();
        await using var second = scenario.Host.Services.CreateAsyncScope();
        var accepted = await first.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<InspectionTask>().SingleAsync(t => t.Id == taskId);
        var cancelled = await second.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<InspectionTask>().SingleAsync(t => t.Id == taskId);
        var version = accepted.Version;
        var now = scenario.Host.Clock.GetUtcNow();
        accepted.Complete(InspectionTaskStatus.Accepted, now);
        cancelled.Complete(InspectionTaskStatus.Cancelled, now);

        await first.ServiceProvider.GetRequiredService<CoordinationDbContext>().SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.ServiceProvider.GetRequiredService<CoordinationDbContext>().SaveChangesAsync());

        await using var check = scenario.Host.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<InspectionTask>().AsNoTracking().SingleAsync(t => t.Id == taskId);
        Assert.Equal(InspectionTaskStatus.Accepted, saved.Status);
        Assert.Equal(version + 1, saved.Version);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task First_saves_of_a_municipalitys_settings_at_the_same_moment_are_all_saved_one_after_the_other(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var path = $"/api/inspections/settings/{scenario.MunicipalityId}";
        var defaults = await scenario.Manager.GetJsonAsync(path);
        var weights = Enumerable.Range(1, 8).ToList();

        var answers = await Task.WhenAll(weights.Select(weight =>
        {
            var settings = System.Text.Json.Nodes.JsonNode.Parse(defaults.GetRawText())!.AsObject();
            settings["dancingWeight"] = weight;
            return scenario.Manager.PutAsync(path, settings);
        }));
        var statuses = new List<HttpStatusCode>();
        foreach (var answer in answers)
        {
            statuses.Add(answer.StatusCode);
            answer.Dispose();
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains((await scenario.Manager.GetJsonAsync(path)).GetProperty("dancingWeight").GetInt32(), weights);
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        Assert.Equal(1, await db.Set<Coordination.Workflows.Inspections.Settings.InspectionSettings>().CountAsync(s => s.MunicipalityId == scenario.MunicipalityId));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Decisions_sent_at_the_same_moment_record_one_sanction_and_answer_the_rest_with_409(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Baren Dubbelklick", "556677-8899");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = "We have trained the staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision",
            InspectionScenario.WorkflowWait, "the reply makes the case ready for decision", scenario.Host.Clock.TickSecond);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => scenario.Officer.PostAsync($"{path}/decision", new { sanction = "Erinran" })));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        Assert.Equal(1, await db.Set<VenueHistoryEntry>().CountAsync(e => e.VenueId == venueId && e.Kind == VenueHistoryKind.SanctionDecided));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_visit_recorded_several_times_at_the_same_moment_is_stored_once_and_the_rest_are_told_it_is_already_recorded(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var first = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var second = await scenario.RegisterVenueAsync("Baren Dubbelklick", "556677-8899");
        var roundId = await scenario.PlanRoundOnAsync("2026-11-27", first, second);
        var request = await scenario.PoliceRequestAsync(roundId);
        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/accept");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var visited = await scenario.RecordVisitAsync(roundId, first, InspectionScenario.Item("serving.serving-hours", "Ok")))
        {
            await InspectionsClient.ReadAsync(visited, HttpStatusCode.Created);
        }

        // The round is done now, so nothing but the visit itself stands between the requests.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => scenario.RecordVisitAsync(roundId, second, InspectionScenario.Item("serving.serving-hours", "Ok"))));
        var refusals = new List<string?>();
        foreach (var answer in answers)
        {
            if (answer.StatusCode != HttpStatusCode.Created)
            {
                var problem = await InspectionsClient.ReadAsync(answer, HttpStatusCode.BadRequest);
                refusals.Add(problem.GetProperty("errors").GetProperty("venueId")[0].GetString());
            }

            answer.Dispose();
        }

        Assert.Equal(answers.Length - 1, refusals.Count);
        Assert.All(refusals, r => Assert.Equal("A visit to this venue is already recorded for the round.", r));
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        Assert.Equal(1, await db.Set<Visit>().CountAsync(v => v.RoundId == roundId && v.VenueId == second));
        Assert.Equal(1, await db.Set<InspectionTask>().CountAsync(t => t.VenueId == second && t.Kind == InspectionTaskKind.SendProtocol));
        Assert.Equal(1, await db.Set<VenueHistoryEntry>().CountAsync(e => e.VenueId == second && e.Kind == VenueHistoryKind.Visited));
    }

    /// <summary>
    /// Two visits of one venue, of two rounds, saved at the same moment while its re-inspection
    /// waits: each would end the re-inspection, and ending it twice gave its workflow a message
    /// for a workflow already finished (an incident). One is saved and ends it; the other is
    /// refused whole with a 409 and, sent again, is saved as a later visit.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_visits_of_one_venue_saved_at_the_same_moment_end_its_re_inspection_once(HostBackend backend)
    {
        var visits = new VisitsAtTheSameMoment();
        await using var scenario = await visits.StartAsync(backend);
        var (venueId, thursday, friday) = await scenario.ReInspectionDueNextWeekAsync();

        using (var refused = await visits.RecordThursdayAsFridayIsSavedAsync(scenario, venueId, thursday, friday))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal("Changed at the same time", problem.GetProperty("title").GetString());
        }

        using (var again = await scenario.RecordVisitAsync(thursday, venueId, VisitsAtTheSameMoment.ThursdayEvening, InspectionScenario.Item("serving.outdoor-area", "Ok")))
        {
            await InspectionsClient.ReadAsync(again, HttpStatusCode.Created);
        }

        var task = await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionTask>().AsNoTracking().SingleAsync(t => t.VenueId == venueId && t.Kind == InspectionTaskKind.ReInspectVenue));
        Assert.Equal(InspectionTaskStatus.Done, task.Status);
        var ended = await scenario.Host.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.Contains(nameof(ReInspectionDone)) && m.Body.Contains(task.Id.ToString()))
            .CountAsync());
        Assert.Equal(1, ended);
        await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(db => db.Set<ReInspectionState>().AnyAsync(s => s.CorrelationId == task.Id)),
            running => !running, InspectionScenario.WorkflowWait, "the re-inspection's workflow ended by the visit");
        Assert.Equal(2, await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().CountAsync(v => v.VenueId == venueId && (v.RoundId == thursday || v.RoundId == friday))));
        var venue = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        Assert.Equal(VisitsAtTheSameMoment.FridayEvening, venue.GetProperty("lastVisitedAt").GetDateTimeOffset());
    }

    /// <summary>
    /// Two visits of one venue, of two rounds, saved at the same moment with no re-inspection
    /// waiting: both are saved, and the venue's last visit is the later one whichever is saved
    /// last (the risk score counts the months since it). The earlier visit's request read the
    /// venue before the later one was saved, and used to write its own evening over it.
    /// </summary>
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_visits_of_one_venue_saved_at_the_same_moment_leave_its_last_visit_at_the_later_one(HostBackend backend)
    {
        var visits = new VisitsAtTheSameMoment();
        await using var scenario = await visits.StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var thursday = await scenario.AcceptedRoundAsync(venueId, "2026-12-03");
        var friday = await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));

        using (var recorded = await visits.RecordThursdayAsFridayIsSavedAsync(scenario, venueId, thursday, friday))
        {
            await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created);
        }

        var venue = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}");
        Assert.Equal(VisitsAtTheSameMoment.FridayEvening, venue.GetProperty("lastVisitedAt").GetDateTimeOffset());
        Assert.Equal(2, await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().CountAsync(v => v.VenueId == venueId)));
    }

    /// <summary>
    /// A venue's Thursday visit recorded as its Friday visit, sent at the same moment, is saved:
    /// the Friday one is answered just as the Thursday one's transaction begins, after it has read
    /// the venue and decided.
    /// </summary>
    private sealed class VisitsAtTheSameMoment
    {
        public static readonly DateTimeOffset ThursdayEvening = new(2026, 12, 3, 20, 30, 0, TimeSpan.Zero);

        public static readonly DateTimeOffset FridayEvening = new(2026, 12, 4, 20, 30, 0, TimeSpan.Zero);

        private readonly OtherFirst interceptor;
        private Func<Task>? fridayVisit;

        public VisitsAtTheSameMoment() => interceptor = new OtherFirst(() => fridayVisit!())
        {
            When = context => fridayVisit is not null && context.ChangeTracker.Entries<Visit>().Any(e => e.State == EntityState.Added),
        };

        public Task<InspectionScenario> StartAsync(HostBackend backend) =>
            InspectionScenario.StartAsync(backend, services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));

        /// <summary>The Thursday visit's answer; the Friday visit was saved (201) before it.</summary>
        public async Task<HttpResponseMessage> RecordThursdayAsFridayIsSavedAsync(InspectionScenario scenario, Guid venueId, Guid thursday, Guid friday)
        {
            HttpStatusCode? fridayStatus = null;
            fridayVisit = async () =>
            {
                using var answer = await scenario.RecordVisitAsync(friday, venueId, FridayEvening, InspectionScenario.Item("serving.outdoor-area", "Ok"));
                fridayStatus = answer.StatusCode;
            };
            var thursdayAnswer = await scenario.RecordVisitAsync(thursday, venueId, ThursdayEvening, InspectionScenario.Item("serving.outdoor-area", "Ok"));
            Assert.True(interceptor.Fired);
            Assert.Equal(HttpStatusCode.Created, fridayStatus);
            return thursdayAnswer;
        }
    }
}
