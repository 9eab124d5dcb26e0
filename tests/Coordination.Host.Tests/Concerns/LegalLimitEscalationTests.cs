using System.Net;
using System.Text.Json;
using Coordination.Host.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Social services' legal limits (the protective assessment, the preliminary decision in 14 days,
/// the investigation in 4 months) were read by the managers' overdue list only: no timer marked
/// a limit passed, so in a social services without a manager nobody saw it. Now one timer per
/// concern watches the next limit not yet met: a limit passed is written in the chronology and
/// checked for a manager to see it, like an overdue task; a limit met in time never is.
/// </summary>
public sealed class LegalLimitEscalationTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Each_limit_passed_is_written_once_in_the_chronology_and_a_limit_met_in_time_never_is(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "legal-limits");
        using var users = new Caseworkers(host);
        var late = await users.RaiseAsync();
        var lateId = late.GetProperty("id").GetGuid();
        var onTime = await users.RaiseAsync();
        var onTimeId = onTime.GetProperty("id").GetGuid();

        // One concern is assessed in time, the other not.
        await users.PostJsonAsync(Reception, $"/api/concerns/{onTimeId}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(onTimeId, c => c.GetProperty("protectiveAssessmentDoneAt").ValueKind != JsonValueKind.Null, "the protective assessment stored");

        host.Clock.AdvanceTo(late.GetProperty("protectiveAssessmentDue").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        var passed = await WaitForLimitsPassedAsync(host, users, lateId, 1);
        Assert.Contains("The protective assessment was not made by its legal limit", passed[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // The late one's protective assessment is made; its preliminary decision passes its limit too.
        await users.PostJsonAsync(Reception, $"/api/concerns/{lateId}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(lateId, c => c.GetProperty("protectiveAssessmentDoneAt").ValueKind != JsonValueKind.Null, "the late protective assessment stored");
        await users.PostJsonAsync(Reception, $"/api/concerns/{onTimeId}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(onTimeId, c => c.GetProperty("status").GetString() == "NotOpened", "the decision stored");

        host.Clock.AdvanceTo(late.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        passed = await WaitForLimitsPassedAsync(host, users, lateId, 2);
        Assert.Contains("The preliminary assessment's decision was not made by its legal limit", passed[1].GetProperty("text").GetString(), StringComparison.Ordinal);

        // Days later nothing more: each limit once, and none for the concern assessed in time.
        host.Clock.Advance(TimeSpan.FromDays(3));
        for (var i = 0; i < 5; i++)
        {
            host.Clock.TickSecond();
        }

        Assert.Equal(2, (await LimitsPassedAsync(users, lateId)).Count);
        Assert.Empty(await LimitsPassedAsync(users, onTimeId));
        Assert.Null(await host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == onTimeId).Select(s => s.LegalDeadlineTokenId).SingleAsync()));
    }

    [Fact]
    public async Task A_limit_passed_in_a_social_services_without_managers_is_an_incident_the_administrator_settles_by_giving_the_role()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var social = await users.AgencyOfAsync(Reception);
        var managers = await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == social && m.Role == MembershipRole.Manager).ToListAsync());
        await host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.AgencyId == social && m.Role == MembershipRole.Manager).ExecuteDeleteAsync());
        Assert.NotEmpty(managers);

        var raised = await users.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();
        host.Clock.AdvanceTo(raised.GetProperty("protectiveAssessmentDue").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        var incident = await EscalationIncidents.WaitForAsync(host, users, SocialAdministrator, id, "the passed limit's incident");
        Assert.Equal("Open", incident.GetProperty("status").GetString());
        Assert.Contains("NoManagerToEscalateTo", incident.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        var text = incident.GetProperty("exceptionMessage").GetString()!;
        Assert.True(text.Contains($"ProtectiveAssessment of concern {id}", StringComparison.Ordinal), text);
        Assert.Contains("manager role", text, StringComparison.Ordinal);

        await EscalationIncidents.SettleByGivingTheRoleAsync(host, users, SocialAdministrator, incident, managers[0].UserId, social);
        var overdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        Assert.Contains(overdue.GetProperty("agencies").EnumerateArray().SelectMany(a => a.GetProperty("assessments").EnumerateArray()), a => a.GetProperty("concernId").GetGuid() == id);
    }

    [Fact]
    public async Task An_open_concern_without_a_timer_from_before_the_upgrade_gets_one_at_start_and_its_limit_is_watched_once()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == id).Select(s => s.LegalDeadlineTokenId).SingleOrDefaultAsync()),
            token => token is not null, WorkflowWait, "the concern's timer", host.Clock.TickSecond);

        // As a concern raised before concerns kept a timer: no token, nothing watched.
        await host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LegalDeadlineTokenId, (Guid?)null).SetProperty(s => s.NextLegalDeadlineAt, (DateTimeOffset?)null)));
        var resumption = host.Services.GetServices<IHostedService>().OfType<LegalDeadlineResumption>().Single();

        Assert.Equal(1, await resumption.ResumeAsync(CancellationToken.None));
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<ConcernState>().Where(s => s.CorrelationId == id).Select(s => s.LegalDeadlineTokenId).SingleOrDefaultAsync()),
            token => token is not null, WorkflowWait, "the concern's timer set again", host.Clock.TickSecond);
        Assert.Equal(0, await resumption.ResumeAsync(CancellationToken.None));

        host.Clock.AdvanceTo(raised.GetProperty("protectiveAssessmentDue").GetDateTimeOffset() + TimeSpan.FromMinutes(1));
        await WaitForLimitsPassedAsync(host, users, id, 1);
        for (var i = 0; i < 5; i++)
        {
            host.Clock.TickSecond();
        }

        Assert.Single(await LimitsPassedAsync(users, id));
    }

    private static Task<List<JsonElement>> WaitForLimitsPassedAsync(InProcessHostFactory host, Caseworkers users, Guid id, int count) =>
        Poll.UntilAsync(() => LimitsPassedAsync(users, id), entries => entries.Count >= count, WorkflowWait, $"{count} limit(s) passed in the chronology", host.Clock.TickSecond);

    private static async Task<List<JsonElement>> LimitsPassedAsync(Caseworkers users, Guid id) =>
        [.. (await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "LegalLimitPassed")
            .OrderBy(e => e.GetProperty("at").GetDateTimeOffset())];

}
