using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Contracts.Concerns;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Two changes of a concern's sharing at the same moment: each decides from the legal bases it
/// read whose tasks end, so the later save must not stand on bases the earlier one changed. The
/// race is made certain: the other coordinator's whole request is answered just as the later
/// one's transaction begins, after it has read and decided.
/// </summary>
public sealed class SharingRaceTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_bases_sharing_with_the_police_withdrawn_at_the_same_moment_end_the_police_task(HostBackend backend)
    {
        Caseworkers? other = null;
        var otherWithdrawal = "";
        HttpStatusCode? otherAnswer = null;
        var armed = false;
        var interceptor = new OtherFirst(async () =>
        {
            using var response = await other!.PostAsync(Coordinator, otherWithdrawal);
            otherAnswer = response.StatusCode;
        })
        {
            When = context => armed && context.ChangeTracker.Entries<SharingBasis>().Any(e => e.State == EntityState.Modified),
        };
        await using var host = (await SecurityHost.CreateAsync(backend, "sharing-race-withdrawals"))
            .WithServices(services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        using var users = new Caseworkers(host);
        other = new Caseworkers(host);
        using var otherUsers = other;

        // The guardians' consent and a cited provision both share the concern with the police.
        var id = await users.RaiseAndShareAsync("Police");
        var task = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();
        await users.PostJsonAsync(
            Coordinator,
            $"/api/concerns/{id}/legal-bases",
            ConcernRequests.Provision("Police"),
            HttpStatusCode.Created);
        var bases = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.ConcernId == id).OrderBy(b => b.RecordedAt).Select(b => b.Id).ToListAsync());
        Assert.Equal(2, bases.Count);
        otherWithdrawal = $"/api/concerns/{id}/legal-bases/{bases[1]}/withdrawal";
        armed = true;

        // Each, deciding alone, finds the other basis still sharing with the police.
        using (var mine = await users.PostAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{bases[0]}/withdrawal"))
        {
            Assert.True(interceptor.Fired, "the other withdrawal was answered as this one's transaction began");
            Assert.Equal(HttpStatusCode.NoContent, otherAnswer);
            Assert.Equal(HttpStatusCode.Conflict, mine.StatusCode);
        }

        // Asked again, it is decided on what the other left: nobody is shared with, the task ends.
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases/{bases[0]}/withdrawal", new { }, HttpStatusCode.NoContent);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<SharingBasis>().AnyAsync(b => b.ConcernId == id && b.WithdrawnAt == null)));
        await Poll.UntilAsync(
            () => host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.CurrentState).SingleAsync()),
            state => state == "Cancelled",
            WorkflowWait,
            "the police's task cancelled",
            host.Clock.TickSecond);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_first_bases_recorded_at_the_same_moment_offer_the_police_one_task(HostBackend backend)
    {
        Caseworkers? other = null;
        var path = "";
        HttpStatusCode? otherAnswer = null;
        var armed = false;
        var interceptor = new OtherFirst(async () =>
        {
            using var response = await other!.PostAsync(Coordinator, path, ConcernRequests.Provision("Police"));
            otherAnswer = response.StatusCode;
        })
        {
            When = context => armed && context.ChangeTracker.Entries<SharingBasis>().Any(e => e.State == EntityState.Added),
        };
        await using var host = (await SecurityHost.CreateAsync(backend, "sharing-race-first"))
            .WithServices(services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        using var users = new Caseworkers(host);
        other = new Caseworkers(host);
        using var otherUsers = other;
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        path = $"/api/concerns/{id}/legal-bases";
        armed = true;

        // Each, deciding alone, finds no basis before it and would offer the police a task.
        using (var mine = await users.PostAsync(Coordinator, path, ConcernRequests.GuardiansConsent("2026-11-20", "Police")))
        {
            Assert.True(interceptor.Fired, "the other basis was recorded as this one's transaction began");
            Assert.Equal(HttpStatusCode.Created, otherAnswer);
            Assert.Equal(HttpStatusCode.Conflict, mine.StatusCode);
        }

        // Asked again once the police have their task, it finds them shared with and offered: no second task.
        await users.WaitForTaskAsync(Police, id, "JointWork");
        await users.PostJsonAsync(Coordinator, path, ConcernRequests.GuardiansConsent("2026-11-20", "Police"), HttpStatusCode.Created);
        Assert.Equal(2, await host.WithDatabaseAsync(db => db.Set<SharingBasis>().CountAsync(b => b.ConcernId == id && b.WithdrawnAt == null)));
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork)));
    }
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_second_basis_recorded_while_the_first_offer_is_on_its_way_offers_no_second_task(HostBackend backend)
    {
        // The police's joint-work task is refused while held, so its offer is retried and no
        // task exists when the second basis is recorded; the retries outlast the hold.
        var held = new JointWorkTaskHeld();
        var retries = new Dictionary<string, string> { ["Runtime:FaultRetryLimit"] = "20", ["Runtime:FaultRetryInterval"] = "00:00:00.5" };
        await using var host = (await SecurityHost.CreateAsync(backend, "sharing-offer-on-its-way", retries))
            .WithServices(services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(held)));
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var path = $"/api/concerns/{id}/legal-bases";

        var first = await users.PostJsonAsync(Coordinator, path, ConcernRequests.GuardiansConsent("2026-11-20", "Police"), HttpStatusCode.Created);
        Assert.Equal(["Police"], first.GetProperty("offeredTo").EnumerateArray().Select(p => p.GetString()));
        await held.Refused.WaitAsync(WorkflowWait);
        Assert.Equal(0, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork)));

        // Recorded while the police's offer is still on its way: the police are not offered again.
        var second = await users.PostJsonAsync(Coordinator, path, ConcernRequests.Provision("Police"), HttpStatusCode.Created);
        Assert.Empty(second.GetProperty("offeredTo").EnumerateArray());
        held.Release();

        await users.WaitForTaskAsync(Police, id, "JointWork");
        var bases = await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.ConcernId == id).ToListAsync());
        Assert.Single(bases.Single(b => b.Kind == SharingBasisKind.Consent).OfferedTasks);
        Assert.Empty(bases.Single(b => b.Kind == SharingBasisKind.Provision).OfferedTasks);
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().CountAsync(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork)));
    }

    /// <summary>Refuses to save a new joint-work task while held, as a fault the consume retries.</summary>
    private sealed class JointWorkTaskHeld : SaveChangesInterceptor
    {
        private readonly TaskCompletionSource refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool released;

        public Task Refused => refused.Task;

        public void Release() => released = true;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!released && eventData.Context is { } context
                && context.ChangeTracker.Entries<AgencyTaskState>().Any(e => e.State == EntityState.Added && e.Entity.Kind == AgencyTaskKind.JointWork))
            {
                refused.TrySetResult();
                throw new InvalidOperationException("The test holds new joint-work tasks.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
