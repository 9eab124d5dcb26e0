using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Inspections;

/// <summary>Retention of a closed supervision case: its deliberations go, the decided sanction stays in the venue's register, one audit entry.</summary>
public sealed class SupervisionRetentionTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_closed_supervision_case_past_retention_is_erased_but_its_sanction_stays_in_the_venue_history(HostBackend backend)
    {
        await using var scenario = await InspectionScenario.StartAsync(backend);
        var clock = scenario.Host.Clock;
        var officer = scenario.Officer;
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Baren Gallring", "556677-8899");
        var communicated = await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        clock.AdvanceTo(communicated.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", InspectionScenario.WorkflowWait, "the reply time runs out", clock.TickSecond);

        // A harsher proposal replaces the first, which is kept with the case until the case goes.
        communicated = await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        clock.AdvanceTo(communicated.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", InspectionScenario.WorkflowWait, "the second reply time runs out", clock.TickSecond);
        Assert.Equal(1, await scenario.Host.WithDatabaseAsync(db => db.Set<ReplacedProposal>().CountAsync(p => p.SupervisionCaseId == caseId)));
        var decided = await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/decision", new { sanction = "Varning" });
        clock.AdvanceTo(decided.GetProperty("appealEndsAt").GetDateTimeOffset().AddMinutes(1));
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", InspectionScenario.WorkflowWait, "the appeal window closes", clock.TickSecond);
        await officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/close");

        // A day short of the five years: nothing is erased.
        var sweep = scenario.Host.Services.GetRequiredService<RetentionSweep>();
        clock.Advance(TimeSpan.FromDays(5 * 365) - TimeSpan.FromDays(1));
        Assert.DoesNotContain(caseId, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal("Closed", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());

        // Past them, the case goes (by this sweep or by the nightly job the clock also fired).
        clock.Advance(TimeSpan.FromDays(2));
        await sweep.RunAsync(CancellationToken.None);
        using (var gone = await officer.GetAsync($"/api/inspections/supervision-cases/{caseId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var history = (await officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("SanctionDecided", history);
        Assert.DoesNotContain("KommuniceringSent", history);
        Assert.Contains("Visited", history);

        await using var scope = scenario.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        Assert.False(await db.Set<SupervisionCase>().AnyAsync(c => c.Id == caseId));
        Assert.False(await db.Set<SupervisionCaseState>().AnyAsync(s => s.CorrelationId == caseId));
        Assert.False(await db.Set<ReplacedProposal>().AnyAsync(p => p.SupervisionCaseId == caseId));
        Assert.Equal(1, await db.Set<VenueHistoryEntry>().CountAsync(e => e.SupervisionCaseId == caseId));
        var entry = Assert.Single(await db.Set<AuditEntry>().Where(e => e.Action == AuditAction.RetentionErased && e.SubjectId == caseId.ToString()).ToListAsync());
        Assert.Equal("SupervisionCase", entry.SubjectType);
        Assert.Contains("supervisionCases 1", entry.Detail, StringComparison.Ordinal);
        var verification = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
        Assert.True(verification.Intact, verification.Reason);
    }
}
