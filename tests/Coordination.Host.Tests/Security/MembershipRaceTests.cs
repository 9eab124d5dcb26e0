using System.Data.Common;
using System.Net;
using System.Security.Claims;
using Coordination.Host.Identity;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Two administrators acting on one user at the same moment: the later save conflicts (a unique
/// membership, the user's concurrency stamp, a row already gone), is saved in no part, and gets
/// the answer it would have had coming after, never an error. The race is made certain: the
/// other administrator's whole change is saved, through a context of its own, just as the
/// later one's transaction begins, after it has read and decided.
/// </summary>
public sealed class MembershipRaceTests
{
    private const string SchoolAdministrator = "school.administrator@alvby.demo";
    private const string SchoolWorker = "school.staff@alvby.demo";
    private const string LeisureWorker = "leisure.staff@alvby.demo";
    private const string SchoolManager = "school.manager@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_same_membership_added_twice_at_once_is_added_once_and_the_later_is_told_the_role_is_held(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-add");
        var (alvby, admin, leisureWorker) = await WorldAsync(host, LeisureWorker);
        var before = await AuditCountAsync(host, AuditAction.UserChanged);

        var addition = await RacedAsync(
            host,
            (other, _) => other.AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Staff),
            (mine, _) => mine.AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Staff));

        Assert.Null(addition.Added);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "Held" }, addition.Errors);
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.UserId == leisureWorker && m.Role == MembershipRole.Staff && m.Agency!.Kind == AgencyKind.School)));
        Assert.Equal(before + 1, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_roles_added_to_one_user_at_once_are_both_added(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-roles");
        var (alvby, admin, leisureWorker) = await WorldAsync(host, LeisureWorker);
        var before = await AuditCountAsync(host, AuditAction.UserChanged);

        // The other's change renews the user's stamps: the later one's read of the user is stale.
        var addition = await RacedAsync(
            host,
            (other, _) => other.AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Staff),
            (mine, _) => mine.AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Manager));

        Assert.Empty(addition.Errors);
        Assert.Equal(MembershipRole.Manager, addition.Added?.Role);
        var roles = await host.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == leisureWorker && m.Agency!.Kind == AgencyKind.School).Select(m => m.Role).ToListAsync());
        Assert.Equal([MembershipRole.Staff, MembershipRole.Manager], roles.Order());
        Assert.Equal(before + 2, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task One_membership_removed_twice_at_once_is_removed_once_and_the_later_finds_it_gone(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-remove");
        var (alvby, admin, leisureWorker) = await WorldAsync(host, LeisureWorker);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.NotNull((await Administration(scope).AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Staff)).Added);
        }

        var given = await host.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == leisureWorker && m.Agency!.Kind == AgencyKind.School).Select(m => m.Id).SingleAsync());
        var before = await AuditCountAsync(host, AuditAction.UserChanged);

        var removal = await RacedAsync(
            host,
            (other, _) => other.RemoveAsync(admin, alvby, leisureWorker, given),
            (mine, _) => mine.RemoveAsync(admin, alvby, leisureWorker, given));

        Assert.Equal(MembershipRemoval.NotFound, removal);
        Assert.False(await host.WithDatabaseAsync(db => db.Memberships.AnyAsync(m => m.Id == given)));
        Assert.Equal(before + 1, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_last_two_managers_of_an_agency_removed_at_once_leave_one_and_the_later_is_told_it_is_the_last(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-managers");
        var (alvby, admin, leisureWorker) = await WorldAsync(host, LeisureWorker);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.NotNull((await Administration(scope).AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Manager)).Added);
        }

        var schoolManager = await host.UserIdAsync(SchoolManager);
        Task<List<(Guid Id, Guid UserId)>> ManagersAsync() => host.WithDatabaseAsync(async db =>
            (await db.Memberships.Where(m => m.Role == MembershipRole.Manager && m.Agency!.Kind == AgencyKind.School && m.Agency.MunicipalityId == alvby)
                .Select(m => new { m.Id, m.UserId }).ToListAsync()).Select(m => (m.Id, m.UserId)).ToList());
        var managers = await ManagersAsync();
        Assert.Equal(2, managers.Count);
        var demoManager = managers.Single(m => m.UserId == schoolManager).Id;
        var addedManager = managers.Single(m => m.UserId == leisureWorker).Id;
        var before = await AuditCountAsync(host, AuditAction.UserChanged);

        // Each, deciding alone, finds the other manager still there.
        var removal = await RacedAsync(
            host,
            (other, _) => other.RemoveAsync(admin, alvby, schoolManager, demoManager),
            (mine, _) => mine.RemoveAsync(admin, alvby, leisureWorker, addedManager));

        Assert.Equal(MembershipRemoval.LastManager, removal);
        Assert.Equal([(addedManager, leisureWorker)], await ManagersAsync());
        Assert.Equal(before + 1, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_lockout_ended_twice_at_once_is_ended_once_and_the_later_finds_the_account_no_longer_locked(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-unlock");
        var (alvby, admin, schoolWorker) = await WorldAsync(host, SchoolWorker);
        var until = host.Clock.GetUtcNow().AddMinutes(15);
        await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == schoolWorker)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())));

        var unlock = await RacedAsync(
            host,
            (other, _) => other.UnlockAsync(admin, alvby, schoolWorker),
            (mine, _) => mine.UnlockAsync(admin, alvby, schoolWorker));

        Assert.Equal(AccountUnlock.NotLocked, unlock);
        Assert.Null(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == schoolWorker).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(host, AuditAction.AccountUnlocked));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_account_disabled_twice_at_once_is_disabled_once_and_the_later_finds_it_already_disabled(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-disable");
        var (alvby, admin, schoolWorker) = await WorldAsync(host, SchoolWorker);

        var change = await RacedAsync(
            host,
            (other, _) => other.DisableAsync(admin, alvby, schoolWorker, "Left the school"),
            (mine, _) => mine.DisableAsync(admin, alvby, schoolWorker, "Account compromised"));

        Assert.Equal(AccountStatusOutcome.AlreadyDisabled, change.Outcome);
        Assert.NotNull(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == schoolWorker).Select(u => u.DisabledAt).SingleAsync()));
        var entry = Assert.Single(await host.AuditAsync(AuditAction.UserChanged));
        Assert.EndsWith(": Left the school", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_password_links_issued_at_once_for_one_user_leave_the_later_one_open(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-link");
        var (alvby, admin, schoolWorker) = await WorldAsync(host, SchoolWorker);
        var lifetime = TimeSpan.FromDays(1);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Null((await Administration(scope).IssuePasswordLinkAsync(admin, alvby, schoolWorker, scope.ServiceProvider.GetRequiredService<PasswordLinks>(), lifetime)).Refusal);
        }

        var before = await AuditCountAsync(host, AuditAction.UserChanged);

        // Both read the first link and remove it: the later one's removal finds it gone.
        var issue = await RacedAsync(
            host,
            (other, otherLinks) => other.IssuePasswordLinkAsync(admin, alvby, schoolWorker, otherLinks, lifetime),
            (mine, links) => mine.IssuePasswordLinkAsync(admin, alvby, schoolWorker, links, lifetime));

        Assert.Null(issue.Refusal);
        Assert.NotNull(issue.Link);
        Assert.Equal(1, issue.Link.Replaced);
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<PasswordLink>().CountAsync(l => l.UserId == schoolWorker)));
        Assert.Equal(before + 2, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Two_first_password_links_issued_at_once_are_both_stored_and_the_password_set_with_one_ends_the_other(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-race-first-links");
        var (alvby, admin, schoolWorker) = await WorldAsync(host, SchoolWorker);
        var lifetime = TimeSpan.FromDays(1);

        // Neither finds an earlier link to remove, so neither conflicts: both are stored.
        PasswordLinkIssue? other = null;
        var mine = await RacedAsync(
            host,
            async (administration, otherLinks) => other = await administration.IssuePasswordLinkAsync(admin, alvby, schoolWorker, otherLinks, lifetime),
            (administration, links) => administration.IssuePasswordLinkAsync(admin, alvby, schoolWorker, links, lifetime));
        Assert.Equal(2, await host.WithDatabaseAsync(db => db.Set<PasswordLink>().CountAsync(l => l.UserId == schoolWorker)));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var use = await scope.ServiceProvider.GetRequiredService<PasswordLinks>().UseAsync(mine.Link!.Token, "Ny-Kollega-2026!x", "Ny-Kollega-2026!x", CancellationToken.None);
            Assert.True(use.PasswordSet);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var opened = await scope.ServiceProvider.GetRequiredService<PasswordLinks>().OpenAsync(other!.Link!.Token, CancellationToken.None);
            Assert.Equal(PasswordLinkState.Unknown, opened.State);
        }
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Through_the_api_the_same_membership_added_twice_at_once_is_a_conflict_for_the_later_not_an_error(HostBackend backend)
    {
        SecurityHost? started = null;
        var armed = false;
        var interceptor = new OtherFirst(async () =>
        {
            await using var scope = started!.Services.CreateAsyncScope();
            var (alvby, admin, leisureWorker) = await WorldAsync(started, LeisureWorker);
            Assert.NotNull((await Administration(scope).AddAsync(admin, alvby, leisureWorker, AgencyKind.School, MembershipRole.Staff)).Added);
        })
        {
            // Only the request's save of a new membership: not the demo data's at start, a sign-in's or the other change's own.
            When = context => armed && context.ChangeTracker.Entries<Membership>().Any(e => e.State == EntityState.Added),
        };
        await using var host = (await SecurityHost.CreateAsync(backend, "membership-race-api"))
            .WithServices(services => services.ConfigureDbContext<CoordinationDbContext>(o => o.AddInterceptors(interceptor)));
        started = host;
        var (alvby, _, leisureWorker) = await WorldAsync(host, LeisureWorker);
        var before = await AuditCountAsync(host, AuditAction.UserChanged);
        using var users = new ApiUsers(host);
        armed = true;

        using var response = await users.PostAsync(
            SchoolAdministrator, $"/api/municipalities/{alvby}/users/{leisureWorker}/memberships", new { agencyKind = "School", role = "Staff" });

        Assert.True(interceptor.Fired, "the other change was saved as the request's transaction began");
        var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Membership exists", problem.GetProperty("title").GetString());
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.UserId == leisureWorker && m.Role == MembershipRole.Staff && m.Agency!.Kind == AgencyKind.School)));
        Assert.Equal(before + 1, await AuditCountAsync(host, AuditAction.UserChanged));
    }

    /// <summary>
    /// Runs <paramref name="mine"/> on a context of its own whose transaction, when it begins,
    /// first lets <paramref name="other"/> (in a scope of its own, as another request) finish.
    /// </summary>
    private static async Task<T> RacedAsync<T>(
        SecurityHost host, Func<MembershipAdministration, PasswordLinks, Task> other, Func<MembershipAdministration, PasswordLinks, Task<T>> mine)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var interceptor = new OtherFirst(async () =>
        {
            await using var otherScope = host.Services.CreateAsyncScope();
            await other(Administration(otherScope), otherScope.ServiceProvider.GetRequiredService<PasswordLinks>());
        });
        var options = new DbContextOptionsBuilder<CoordinationDbContext>(scope.ServiceProvider.GetRequiredService<DbContextOptions<CoordinationDbContext>>())
            .AddInterceptors(interceptor)
            .Options;
        await using var db = new CoordinationDbContext(options);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var audit = new AuditTrail(db, clock);
        var links = new PasswordLinks(db, scope.ServiceProvider.GetRequiredService<UserManager<CoordinationUser>>(), audit, clock);
        var result = await mine(new MembershipAdministration(db, audit, clock, scope.ServiceProvider.GetRequiredService<ILookupNormalizer>()), links);
        Assert.True(interceptor.Fired, "the other change was saved as the later one's transaction began");
        return result;
    }

    private static async Task<(Guid Alvby, ClaimsPrincipal Admin, Guid UserId)> WorldAsync(SecurityHost host, string email)
    {
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync());
        var userId = await host.UserIdAsync(email);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoordinationUser>>();
        var admin = await users.FindByEmailAsync(SchoolAdministrator) ?? throw new InvalidOperationException("No demo administrator.");
        return (alvby, await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoordinationUser>>().CreateAsync(admin), userId);
    }

    private static MembershipAdministration Administration(AsyncServiceScope scope) =>
        new(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>(), scope.ServiceProvider.GetRequiredService<AuditTrail>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider.GetRequiredService<ILookupNormalizer>());

    private static Task<int> AuditCountAsync(SecurityHost host, AuditAction action) =>
        host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == action));
}
