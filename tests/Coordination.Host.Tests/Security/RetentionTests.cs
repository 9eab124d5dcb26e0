using System.Net;
using Coordination.Host.Tests.Concerns;
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
using Coordination.Workflows.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Retention (gallring): closed cases, and concerns whose registration failed for good, past
/// their period are erased, exactly those, and the audit chain still verifies.
/// </summary>
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

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_concern_whose_registration_failed_for_good_is_erased_once_left_for_the_period_and_one_retried_within_it_is_kept(HostBackend backend)
    {
        // No fault retries: what matters here is what is left once a registration failed for good.
        await using var host = await SecurityHost.CreateAsync(
            backend, "retention-registration", new Dictionary<string, string> { ["Retention:ClosedConcerns"] = "30.00:00:00", ["Runtime:FaultRetryLimit"] = "0" });
        using var users = new ApiUsers(host);

        // The database refuses every concern's workflow state: two concerns are raised, and the
        // message that registers each fails and becomes an incident.
        await RefuseRegistrationsAsync(host, backend);
        var left = await RaiseUnregisteredAsync(host, users);
        var retried = await RaiseUnregisteredAsync(host, users);

        // Such a concern can never be closed, so a closed concern's period never starts for it.
        using (var close = await users.PostAsync(CaseJourney.Coordinator, $"/api/concerns/{left}/close", new { outcome = "Moved away." }))
        {
            Assert.Equal(HttpStatusCode.Conflict, close.StatusCode);
        }

        // 25 days on, reception's protective-assessment task has long escalated, and an
        // administrator retries the second concern's registration: it fails again.
        host.Clock.Advance(TimeSpan.FromDays(25));
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == left && t.EscalatedAt != null), "the left concern's task escalated");
        var retriedAt = host.Clock.GetUtcNow();
        var incident = await host.WithDatabaseAsync(db => db.Set<Incident>().SingleAsync(i => i.Body.Contains(retried.ToString())));
        using (var retry = await users.PostAsync("social.administrator@alvby.demo", $"/api/operations/incidents/{incident.Id}/retry", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await CaseJourney.UntilAsync(
            host, db => db.Set<Incident>().AnyAsync(i => i.Body.Contains(retried.ToString()) && i.Status == IncidentStatus.Open && i.OccurredAt >= retriedAt), "the retry failed again");
        var taskIds = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == left).Select(t => t.CorrelationId).ToListAsync());
        Assert.NotEmpty(taskIds);
        var before = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync());

        // 31 days after they were raised: the first concern was left for the whole period; the
        // second was retried 6 days ago. The nightly job may run too; one sweep erases the first.
        host.Clock.Advance(TimeSpan.FromDays(6));
        await host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<Concern>().CountAsync(c => c.Id == left)),
            count => count == 0, TimeSpan.FromSeconds(30), "the left concern to be erased");
        var remaining = await host.WithDatabaseAsync(async db => new
        {
            Events = await db.Set<CaseEvent>().CountAsync(e => e.ConcernId == left),
            Tasks = await db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == left),
            Journal = await db.Set<WorkflowTransition>().CountAsync(t => taskIds.Contains(t.InstanceId)),
            Incidents = await db.Set<Incident>().CountAsync(i => i.Body.Contains(left.ToString())),
            Retried = await db.Set<Concern>().CountAsync(c => c.Id == retried),
            RetriedIncidents = await db.Set<Incident>().CountAsync(i => i.Body.Contains(retried.ToString())),
        });
        Assert.Equal(0, remaining.Events + remaining.Tasks + remaining.Journal + remaining.Incidents);
        Assert.Equal(1, remaining.Retried);
        Assert.Equal(2, remaining.RetriedIncidents);

        var entry = Assert.Single(await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.RetentionErased).ToListAsync()));
        Assert.Equal(left.ToString(), entry.SubjectId);
        Assert.Equal("Concern", entry.SubjectType);
        Assert.Equal(RetentionSweep.Actor, entry.Actor);
        Assert.Equal("Retention: concerns whose registration failed are kept 30 days", entry.Basis);
        Assert.Contains("concerns 1", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("incidents 1", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("tasks 1", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(before + 1, await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync()));
        var verification = await host.WithDatabaseAsync(db => AuditVerifier.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.Intact, verification.Reason);
    }

    /// <summary>A concern raised through the API whose registration has failed and become an open incident.</summary>
    private static async Task<Guid> RaiseUnregisteredAsync(SecurityHost host, ApiUsers users)
    {
        var raised = await users.PostJsonAsync(CaseJourney.Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<Incident>().AnyAsync(i => i.Body.Contains(id.ToString()) && i.MessageType.Contains(nameof(Contracts.Concerns.ConcernRaised))), $"concern {id}'s registration to fail");
        Assert.False(await host.WithDatabaseAsync(db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == id)));
        return id;
    }

    /// <summary>A trigger that refuses every new concern workflow state, as a database that cannot take the registration would.</summary>
    private static Task<int> RefuseRegistrationsAsync(SecurityHost host, HostBackend backend) =>
        host.WithDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(backend == HostBackend.SqliteInMemory
            ? "CREATE TRIGGER refuse_registration BEFORE INSERT ON \"ConcernStates\" BEGIN SELECT RAISE(ABORT, 'registration refused'); END;"
            : "CREATE FUNCTION refuse_registration() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'registration refused'; END $$; "
              + "CREATE TRIGGER refuse_registration BEFORE INSERT ON \"ConcernStates\" FOR EACH ROW EXECUTE FUNCTION refuse_registration();"));

    private static Incident IncidentNaming(Guid concernId, DateTimeOffset at)
    {
        var incident = OpenIncident.Of("loopback://localhost/concern-state", null, at);
        incident.Body = incident.Body.Replace("\"message\":{}", $"\"message\":{{\"concernId\":\"{concernId}\",\"outcome\":\"Moved away with her mother.\"}}", StringComparison.Ordinal);
        Assert.Contains(concernId.ToString(), incident.Body, StringComparison.Ordinal);
        return incident;
    }
}
