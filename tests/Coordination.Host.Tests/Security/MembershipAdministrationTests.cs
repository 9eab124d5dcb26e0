using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Coordination.Host.Concerns.Live;
using Coordination.Host.Identity;
using Coordination.Host.Security.Audit;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// User administration (the Admin/Users page): an administrator changes the memberships of the
/// agencies they administer, in their own municipality, never their own; every change is one
/// audit entry and every refusal changes nothing. Principals come from the host's own claims
/// factory, as at sign-in.
/// </summary>
public sealed class MembershipAdministrationTests
{
    private const string SchoolAdministrator = "school.administrator@alvby.demo";
    private const string PoliceOfficer = "police.staff@alvby.demo";

    [Fact]
    public async Task An_administrator_changes_their_own_agencys_memberships_only_and_never_their_own()
    {
        await using var host = SecurityHost.OnSqlite();
        var (alvby, sjostad) = await host.WithDatabaseAsync(async db =>
        {
            var ids = await db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).ToListAsync();
            return (ids[0], ids[1]);
        });
        var admin = await PrincipalAsync(host, SchoolAdministrator);
        var before = await AuditCountAsync(host);

        // Refused: a role for themselves (a social services role would open case content to them),
        // a role in another agency, a municipality they do not administer.
        var self = await AddAsync(host, admin, alvby, SchoolAdministrator, AgencyKind.SocialServices, MembershipRole.Coordinator);
        var otherAgency = await AddAsync(host, admin, alvby, "leisure.staff@alvby.demo", AgencyKind.SocialServices, MembershipRole.Coordinator);
        var otherMunicipality = await AddAsync(host, admin, sjostad, "leisure.staff@alvby.demo", AgencyKind.School, MembershipRole.Staff);
        Assert.Equal(["email"], self.Keys);
        Assert.Equal(["agencyKind"], otherAgency.Keys);
        Assert.Equal(["municipalityId"], otherMunicipality.Keys);
        Assert.Equal(before, await AuditCountAsync(host));
        Assert.False(await HasRoleAsync(host, SchoolAdministrator, AgencyKind.SocialServices, alvby));

        // Allowed: a staff role in the school for a leisure worker, one audit entry naming it.
        Assert.Empty(await AddAsync(host, admin, alvby, "leisure.staff@alvby.demo", AgencyKind.School, MembershipRole.Staff));
        Assert.True(await HasRoleAsync(host, "leisure.staff@alvby.demo", AgencyKind.School, alvby));
        var added = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.UserChanged).ToListAsync());
        Assert.Contains("added Staff in School", Assert.Single(added).Detail, StringComparison.Ordinal);

        // Removal: another agency's membership and their own are refused; the one they gave goes.
        var social = await MembershipIdAsync(host, "social.staff@alvby.demo", AgencyKind.SocialServices, alvby);
        var own = await MembershipIdAsync(host, SchoolAdministrator, AgencyKind.School, alvby);
        var given = await MembershipIdAsync(host, "leisure.staff@alvby.demo", AgencyKind.School, alvby);
        Assert.Equal(MembershipRemoval.OtherAgency, await RemoveAsync(host, admin, social));
        Assert.Equal(MembershipRemoval.OwnMembership, await RemoveAsync(host, admin, own));
        Assert.Equal(MembershipRemoval.NotFound, await RemoveAsync(host, await PrincipalAsync(host, "school.administrator@sjostad.demo"), given));
        Assert.Equal(before + 1, await AuditCountAsync(host));
        Assert.Equal(MembershipRemoval.Removed, await RemoveAsync(host, admin, given));
        Assert.False(await HasRoleAsync(host, "leisure.staff@alvby.demo", AgencyKind.School, alvby));
        Assert.True(await HasRoleAsync(host, "social.staff@alvby.demo", AgencyKind.SocialServices, alvby));
        Assert.Equal(before + 2, await AuditCountAsync(host));
    }

    [Fact]
    public async Task An_administrator_of_the_users_agency_ends_a_lockout_and_the_user_signs_in_again()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync());
        const string Locked = "school.staff@alvby.demo";

        // Five wrong passwords lock the account: then even the right one is refused.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = Locked, password = "not-the-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Equal("Account locked", await SignInProblemAsync(users, Locked));
        var admin = await PrincipalAsync(host, SchoolAdministrator);
        var listed = await ListedAsync(host, admin, alvby, Locked);
        Assert.NotNull(listed.LockedUntil);
        Assert.True(listed.Manageable);
        var userId = listed.UserId;

        // Refused, and nothing changes: another agency's administrator, another municipality's.
        var social = await PrincipalAsync(host, "social.administrator@alvby.demo");
        Assert.False((await ListedAsync(host, social, alvby, Locked)).Manageable);
        Assert.Equal(AccountUnlock.OtherAgency, await UnlockAsync(host, social, alvby, userId));
        Assert.Equal(AccountUnlock.NotFound, await UnlockAsync(host, await PrincipalAsync(host, "school.administrator@sjostad.demo"), alvby, userId));
        Assert.Equal("Account locked", await SignInProblemAsync(users, Locked));

        // The school's administrator ends it: one audit entry, and the user signs in.
        Assert.Equal(AccountUnlock.Unlocked, await UnlockAsync(host, admin, alvby, userId));
        Assert.Null((await ListedAsync(host, admin, alvby, Locked)).LockedUntil);
        Assert.Null(await SignInProblemAsync(users, Locked));
        var entry = Assert.Single(await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.AccountUnlocked).ToListAsync()));
        Assert.Equal((userId.ToString(), alvby), (entry.SubjectId, entry.MunicipalityId));
        Assert.Equal(AccountUnlock.NotLocked, await UnlockAsync(host, admin, alvby, userId));
    }

    [Fact]
    public async Task A_removed_membership_takes_the_users_token_and_cookie_off_the_case_at_their_next_request()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync());
        var concern = $"/api/concerns/{await CaseJourney.RaiseAsync(host, users)}";
        var socialAdministrator = await PrincipalAsync(host, "social.administrator@alvby.demo");
        var token = await FreshTokenAsync(users, CaseJourney.Coordinator);
        var refreshToken = await FreshRefreshTokenAsync(users, CaseJourney.Coordinator);
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        using (var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = CaseJourney.Coordinator, password = ApiUsers.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(users.Client, concern, token));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, concern));

        // The social services' administrator removes the coordinator's membership: the very next
        // requests with the token and with the cookie are refused, and so is the refresh token.
        var membership = await MembershipIdAsync(host, CaseJourney.Coordinator, AgencyKind.SocialServices, alvby);
        Assert.Equal(MembershipRemoval.Removed, await RemoveAsync(host, socialAdministrator, membership));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(users.Client, concern, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(browser, concern));
        Assert.Equal(HttpStatusCode.Redirect, await ApiUsers.StatusAsync(browser, "/Tasks"));
        using (var refreshed = await users.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        }

        // Signed in again, the user holds what is left: no membership, no case. Someone else's token is untouched.
        var again = await FreshTokenAsync(users, CaseJourney.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, await ApiUsers.StatusAsync(users.Client, concern, again));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(users.Client, concern, await users.TokenAsync("social.staff@alvby.demo")));

        // A membership given back is a change too: the token without it is refused, a new sign-in opens the case.
        Assert.Empty(await AddAsync(host, socialAdministrator, alvby, CaseJourney.Coordinator, AgencyKind.SocialServices, MembershipRole.Coordinator));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiUsers.StatusAsync(users.Client, concern, again));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(users.Client, concern, await FreshTokenAsync(users, CaseJourney.Coordinator)));
    }

    [Fact]
    public async Task The_agencys_last_manager_is_removed_only_once_someone_else_has_the_role()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync());
        var admin = await PrincipalAsync(host, SchoolAdministrator);
        var manager = await MembershipIdAsync(host, "school.manager@alvby.demo", AgencyKind.School, alvby);
        var before = await AuditCountAsync(host);

        // Overdue tasks escalate to the school's managers: the last one stays until another is named.
        Assert.Equal(MembershipRemoval.LastManager, await RemoveAsync(host, admin, manager));
        Assert.True(await HasRoleAsync(host, "school.manager@alvby.demo", AgencyKind.School, alvby));
        Assert.Equal(before, await AuditCountAsync(host));

        Assert.Empty(await AddAsync(host, admin, alvby, "school.staff@alvby.demo", AgencyKind.School, MembershipRole.Manager));
        Assert.Equal(MembershipRemoval.Removed, await RemoveAsync(host, admin, manager));
    }

    [Fact]
    public async Task A_removed_membership_closes_the_users_open_live_inbox_so_it_hears_of_no_more_tasks()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync());
        var policeAdministrator = await PrincipalAsync(host, "police.administrator@alvby.demo");
        var cookie = await InboxSocket.CookieAsync(host, PoliceOfficer);

        // The officer's open inbox hears of a task offered to the police.
        await using var inbox = await InboxSocket.OpenAsync(host, cookie);
        await CaseJourney.ShareAsync(users, await CaseJourney.RaiseAsync(host, users), "Police");
        Assert.Contains("taskOffered", await NextFrameAsync(host, inbox) ?? "(closed)", StringComparison.Ordinal);

        // The membership removed, the open connection is closed within one recheck of the stamps,
        // and the page's reconnection with the same cookie is refused.
        Assert.Equal(MembershipRemoval.Removed, await RemoveAsync(host, policeAdministrator, await MembershipIdAsync(host, PoliceOfficer, AgencyKind.Police, alvby)));
        Assert.Null(await NextFrameAsync(host, inbox));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => InboxSocket.OpenAsync(host, cookie));
    }

    [Fact]
    public async Task An_open_live_inbox_stays_open_through_rechecks_while_nothing_changes()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await using var inbox = await InboxSocket.OpenAsync(host, await InboxSocket.CookieAsync(host, PoliceOfficer));
        var live = host.Services.GetRequiredService<LiveConnections>();
        await Poll.UntilAsync(() => Task.FromResult(live.Count == 1), TimeSpan.FromSeconds(10), "the connection registered");

        // Three rechecks pass; then a task offered to the police still arrives.
        for (var i = 0; i < 3; i++)
        {
            host.Clock.Advance(LiveConnections.RecheckInterval);
            await live.RecheckAsync(CancellationToken.None);
        }

        await CaseJourney.ShareAsync(users, await CaseJourney.RaiseAsync(host, users), "Police");
        Assert.Contains("taskOffered", await NextFrameAsync(host, inbox) ?? "(closed)", StringComparison.Ordinal);
        Assert.Equal(1, live.Count);
    }

    /// <summary>The inbox's next frame, or null once closed, while the test clock runs on (the relay and the rechecks follow it).</summary>
    private static async Task<string?> NextFrameAsync(SecurityHost host, InboxSocket inbox)
    {
        var next = inbox.NextFrameAsync();
        await host.Clock.TickUntilAsync(() => Task.FromResult(next.IsCompleted));
        return await next;
    }

    private static async Task<JsonElement> SignInAsync(ApiUsers users, string email)
    {
        using var response = await users.Client.PostAsJsonAsync("/api/auth/token", new { email, password = ApiUsers.Password });
        return await ApiUsers.JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<string> FreshTokenAsync(ApiUsers users, string email) => (await SignInAsync(users, email)).GetProperty("accessToken").GetString()!;

    private static async Task<string> FreshRefreshTokenAsync(ApiUsers users, string email) => (await SignInAsync(users, email)).GetProperty("refreshToken").GetString()!;

    private static async Task<string?> SignInProblemAsync(ApiUsers users, string email)
    {
        using var response = await users.Client.PostAsJsonAsync("/api/auth/token", new { email, password = ApiUsers.Password });
        return response.StatusCode == HttpStatusCode.OK ? null : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
    }

    private static async Task<UserMemberships> ListedAsync(SecurityHost host, ClaimsPrincipal admin, Guid municipality, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return Assert.Single(await Administration(scope).ListAsync(admin, municipality), u => u.Email == email);
    }

    private static async Task<AccountUnlock> UnlockAsync(SecurityHost host, ClaimsPrincipal admin, Guid municipality, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await Administration(scope).UnlockAsync(admin, municipality, userId);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(SecurityHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoordinationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo user {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoordinationUser>>().CreateAsync(user);
    }

    private static async Task<Dictionary<string, string>> AddAsync(SecurityHost host, ClaimsPrincipal admin, Guid municipality, string email, AgencyKind agency, MembershipRole role)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await Administration(scope).AddAsync(admin, municipality, email, agency, role);
    }

    private static async Task<MembershipRemoval> RemoveAsync(SecurityHost host, ClaimsPrincipal admin, Guid membership)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await Administration(scope).RemoveAsync(admin, membership);
    }

    private static MembershipAdministration Administration(AsyncServiceScope scope) =>
        new(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>(), scope.ServiceProvider.GetRequiredService<AuditTrail>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider.GetRequiredService<ILookupNormalizer>());

    private static Task<int> AuditCountAsync(SecurityHost host) => host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.UserChanged));

    private static Task<bool> HasRoleAsync(SecurityHost host, string email, AgencyKind agency, Guid municipality) =>
        host.WithDatabaseAsync(db => db.Memberships.AnyAsync(m => m.Agency!.Kind == agency && m.Agency.MunicipalityId == municipality
            && db.Users.Any(u => u.Id == m.UserId && u.Email == email)));

    private static Task<Guid> MembershipIdAsync(SecurityHost host, string email, AgencyKind agency, Guid municipality) =>
        host.WithDatabaseAsync(db => db.Memberships.Where(m => m.Agency!.Kind == agency && m.Agency.MunicipalityId == municipality
            && db.Users.Any(u => u.Id == m.UserId && u.Email == email)).Select(m => m.Id).FirstAsync());
}
