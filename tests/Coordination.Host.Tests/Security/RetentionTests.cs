using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Operations;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Retention;
using Coordination.Workflows.Runtime.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>Retention (gallring): closed cases past their period are erased, exactly those, and the audit chain still verifies.</summary>
public sealed class RetentionTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Closed_concerns_past_retention_are_erased_and_recorded_and_the_chain_still_verifies(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "retention", new Dictionary<string, string> { ["Retention:ClosedConcerns"] = "30.00:00:00" });
        using var users = new ApiUsers(host);

        // Closed first, 31 days before the sweep: past retention.
        var old = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, old, "Police", "School");
        await CaseJourney.CloseAsync(host, users, old);

        // Closed ten days later, 21 days before the sweep; and one never closed.
        host.Clock.Advance(TimeSpan.FromDays(10));
        var recent = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.CloseAsync(host, users, recent);
        var open = await CaseJourney.RaiseAsync(host, users);

        // Messages of each that failed before any workflow instance held them: incidents naming
        // the concern in their body only, as one an HTTP request published leaves.
        var oldIncident = IncidentNaming(old, host.Clock.GetUtcNow());
        var recentIncident = IncidentNaming(recent, host.Clock.GetUtcNow());
        await host.WithDatabaseAsync(db =>
        {
            db.AddRange(oldIncident, recentIncident);
            return db.SaveChangesAsync();
        });
        var before = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync());

        // Moving the clock past 02:30 also fires the nightly job, so up to three sweeps race
        // here: the job and two run at once by hand. Exactly one of them erases and records
        // the case; the others find it already claimed.
        host.Clock.Advance(TimeSpan.FromDays(21));
        var sweep = host.Services.GetRequiredService<RetentionSweep>();
        var runs = await Task.WhenAll(sweep.RunAsync(CancellationToken.None), sweep.RunAsync(CancellationToken.None));
        var erasedByHand = runs.SelectMany(r => r).ToList();
        Assert.True(erasedByHand.Count <= 1, $"two sweeps both erased: {string.Join(", ", erasedByHand)}");
        Assert.All(erasedByHand, id => Assert.Equal(old, id));
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<Concern>().CountAsync(c => c.Id == old)),
            count => count == 0, TimeSpan.FromSeconds(30), "the old concern to be erased");
        var remaining = await host.WithDatabaseAsync(async db => new
        {
            Concerns = await db.Set<Concern>().Select(c => c.Id).OrderBy(c => c).ToListAsync(),
            States = await db.Set<ConcernState>().CountAsync(s => s.CorrelationId == old),
            Events = await db.Set<CaseEvent>().CountAsync(e => e.ConcernId == old),
            Bases = await db.Set<SharingBasis>().CountAsync(b => b.ConcernId == old),
            Tasks = await db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == old),
            OthersEvents = await db.Set<CaseEvent>().CountAsync(e => e.ConcernId == recent || e.ConcernId == open),
        });
        Assert.Equal(new[] { recent, open }.Order(), remaining.Concerns);
        Assert.Equal(0, remaining.States + remaining.Events + remaining.Bases + remaining.Tasks);
        Assert.True(remaining.OthersEvents > 0);
        Assert.Equal([recentIncident.Id], await host.WithDatabaseAsync(db => db.Set<Incident>().Where(i => i.Id == oldIncident.Id || i.Id == recentIncident.Id).Select(i => i.Id).ToListAsync()));

        var entries = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.RetentionErased).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(old.ToString(), entry.SubjectId);
        Assert.Equal(RetentionSweep.Actor, entry.Actor);
        Assert.Equal("Retention: closed concerns are kept 30 days", entry.Basis);
        Assert.Contains("concerns 1", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(before + 1, await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync()));
        var verification = await host.WithDatabaseAsync(db => AuditVerifier.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.Intact, verification.Reason);

        // A later sweep finds nothing more to erase.
        Assert.Empty(await sweep.RunAsync(CancellationToken.None));
    }

    private static Incident IncidentNaming(Guid concernId, DateTimeOffset at)
    {
        var incident = OpenIncident.Of("loopback://localhost/concern-state", null, at);
        incident.Body = incident.Body.Replace("\"message\":{}", $"\"message\":{{\"concernId\":\"{concernId}\",\"outcome\":\"Moved away with her mother.\"}}", StringComparison.Ordinal);
        Assert.Contains(concernId.ToString(), incident.Body, StringComparison.Ordinal);
        return incident;
    }
}
