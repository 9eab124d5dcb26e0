using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The users page's membership changes and unlock over the API
/// (<c>/api/municipalities/{id}/users/{userId}/memberships</c>, <c>…/unlock</c>): the same rules
/// as the page, each change one audit entry, each refusal answered with what it is and nothing changed.
/// </summary>
public sealed class MembershipApiTests
{
    private const string SchoolAdministrator = "school.administrator@alvby.demo";
    private const string LicensingAdministrator = "licensing.administrator@alvby.demo";
    private const string LeisureWorker = "leisure.staff@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_administrator_gives_a_user_a_role_in_their_agency_and_the_user_then_works_in_it(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-api");
        var alvby = await host.MunicipalityIdAsync("9901");
        var path = $"/api/municipalities/{alvby}/users";
        var leisureWorker = await host.UserIdAsync(LeisureWorker);

        // Before: a leisure worker may not register a venue, the licensing unit's work.
        using (var before = new ApiUsers(host))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await before.PostAsync(LeisureWorker, "/api/inspections/venues", SecurityWorld.Venue(alvby))).StatusCode);
        }

        using var users = new ApiUsers(host);
        using var added = await users.PostAsync(LicensingAdministrator, $"{path}/{leisureWorker}/memberships", new { agencyKind = "LicensingUnit", role = "Staff" });
        var membership = await ApiUsers.JsonAsync(added, HttpStatusCode.Created);
        Assert.Equal(("LicensingUnit", "Staff"), (membership.GetProperty("agencyKind").GetString(), membership.GetProperty("role").GetString()));
        var id = membership.GetProperty("id").GetGuid();

        // Listed with the user, removable by the administrator who gave it.
        var listed = Assert.Single((await users.GetJsonAsync(LicensingAdministrator, added.Headers.Location!.OriginalString)).EnumerateArray());
        var entry = Assert.Single(listed.GetProperty("memberships").EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal("LicensingUnit", entry.GetProperty("agencyKind").GetString());
        Assert.True(entry.GetProperty("removable").GetBoolean());

        // Signed in again, the leisure worker registers a venue.
        Assert.Equal(HttpStatusCode.Created, (await users.PostAsync(LeisureWorker, "/api/inspections/venues", SecurityWorld.Venue(alvby))).StatusCode);

        var audited = Assert.Single(await host.AuditAsync(AuditAction.UserChanged));
        Assert.Equal((LicensingAdministrator, "Membership", id.ToString(), alvby), (audited.Actor, audited.SubjectType, audited.SubjectId, audited.MunicipalityId));
        Assert.StartsWith("added Staff in LicensingUnit", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_value_is_named_at_its_field_a_role_already_held_is_a_conflict_and_a_refusal_changes_nothing()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        using var users = new ApiUsers(host);
        var path = $"/api/municipalities/{alvby}/users";
        var leisureWorker = $"{path}/{await host.UserIdAsync(LeisureWorker)}/memberships";
        var before = await MembershipCountAsync(host);

        var wrong = await ApiUsers.JsonAsync(await users.PostAsync(SchoolAdministrator, leisureWorker, new { agencyKind = "Skolan", role = "Chef" }), HttpStatusCode.BadRequest);
        Assert.Equal(["agencyKind", "role"], Errors(wrong).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("One of Staff, Manager, Coordinator, Administrator, Auditor.", Errors(wrong)["role"]);
        var missing = await ApiUsers.JsonAsync(await users.PostAsync(SchoolAdministrator, leisureWorker, new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["agencyKind", "role"], Errors(missing).Keys.Order(StringComparer.Ordinal));
        var otherAgency = await ApiUsers.JsonAsync(await users.PostAsync(SchoolAdministrator, leisureWorker, new { agencyKind = "SocialServices", role = "Coordinator" }), HttpStatusCode.BadRequest);
        Assert.Equal(new Dictionary<string, string> { ["agencyKind"] = "An agency of the municipality that you administer." }, Errors(otherAgency));

        // The role the user already has: 409, not a wrong value.
        var schoolStaff = $"{path}/{await host.UserIdAsync("school.staff@alvby.demo")}/memberships";
        var held = await ApiUsers.JsonAsync(await users.PostAsync(SchoolAdministrator, schoolStaff, new { agencyKind = "School", role = "Staff" }), HttpStatusCode.Conflict);
        Assert.Equal("Membership exists", held.GetProperty("title").GetString());

        // Their own account, an unknown user, someone who is not the administrator, another municipality's administrator.
        var own = $"{path}/{await host.UserIdAsync(SchoolAdministrator)}/memberships";
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(SchoolAdministrator, own, new { agencyKind = "School", role = "Coordinator" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync(SchoolAdministrator, $"{path}/{Guid.NewGuid()}/memberships", new { agencyKind = "School", role = "Staff" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync("school.manager@alvby.demo", leisureWorker, new { agencyKind = "School", role = "Staff" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync("school.administrator@sjostad.demo", leisureWorker, new { agencyKind = "School", role = "Staff" })).StatusCode);

        Assert.Equal(before, await MembershipCountAsync(host));
        Assert.Empty(await host.AuditAsync(AuditAction.UserChanged));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_administrator_removes_a_membership_of_their_agency_and_is_refused_their_own_another_agencys_and_the_last_manager(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "membership-api-remove");
        var alvby = await host.MunicipalityIdAsync("9901");
        using var users = new ApiUsers(host);
        var path = $"/api/municipalities/{alvby}/users";
        var coordinator = await host.UserIdAsync("school.coordinator@alvby.demo");
        var membership = await MembershipIdAsync(host, "school.coordinator@alvby.demo", AgencyKind.School);

        Assert.Contains(membership, await ListedMembershipsAsync(users, path));

        // Refused: their own membership, another agency's, the school's last manager, a membership
        // named under another user, another municipality's administrator; nothing changes.
        var self = await host.UserIdAsync(SchoolAdministrator);
        var social = await host.UserIdAsync("social.staff@alvby.demo");
        var manager = await host.UserIdAsync("school.manager@alvby.demo");
        Assert.Equal(HttpStatusCode.Forbidden, await DeleteAsync(users, SchoolAdministrator, $"{path}/{self}/memberships/{await MembershipIdAsync(host, SchoolAdministrator, AgencyKind.School)}"));
        Assert.Equal(HttpStatusCode.Forbidden, await DeleteAsync(users, SchoolAdministrator, $"{path}/{social}/memberships/{await MembershipIdAsync(host, "social.staff@alvby.demo", AgencyKind.SocialServices)}"));
        using (var last = await users.SendAsync(SchoolAdministrator, HttpMethod.Delete, $"{path}/{manager}/memberships/{await MembershipIdAsync(host, "school.manager@alvby.demo", AgencyKind.School)}"))
        {
            Assert.Equal("Last manager", (await ApiUsers.JsonAsync(last, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, await DeleteAsync(users, SchoolAdministrator, $"{path}/{manager}/memberships/{membership}"));
        Assert.Equal(HttpStatusCode.NotFound, await DeleteAsync(users, "school.administrator@sjostad.demo", $"{path}/{coordinator}/memberships/{membership}"));
        Assert.Equal(HttpStatusCode.Forbidden, await DeleteAsync(users, "school.manager@alvby.demo", $"{path}/{coordinator}/memberships/{membership}"));
        Assert.Empty(await host.AuditAsync(AuditAction.UserChanged));

        // Removed: gone from the list and the database, one audit entry; a second removal finds nothing.
        Assert.Equal(HttpStatusCode.NoContent, await DeleteAsync(users, SchoolAdministrator, $"{path}/{coordinator}/memberships/{membership}"));
        Assert.DoesNotContain(membership, await ListedMembershipsAsync(users, path));
        Assert.False(await host.WithDatabaseAsync(db => db.Memberships.AnyAsync(m => m.Id == membership)));
        var audited = Assert.Single(await host.AuditAsync(AuditAction.UserChanged));
        Assert.Equal((SchoolAdministrator, "Membership", membership.ToString(), alvby), (audited.Actor, audited.SubjectType, audited.SubjectId, audited.MunicipalityId));
        Assert.StartsWith("removed Coordinator", audited.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await DeleteAsync(users, SchoolAdministrator, $"{path}/{coordinator}/memberships/{membership}"));
    }

    [Fact]
    public async Task An_administrator_of_the_users_agency_ends_a_lockout_and_the_user_signs_in_again()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        using var users = new ApiUsers(host);
        const string Locked = "school.staff@alvby.demo";
        var unlock = $"/api/municipalities/{alvby}/users/{await host.UserIdAsync(Locked)}/unlock";

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = Locked, password = "not-the-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Equal("Account locked", await SignInProblemAsync(users, Locked));

        // Refused: another agency's administrator, their own account, an unknown user, another municipality's administrator.
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync("social.administrator@alvby.demo", unlock, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await users.PostAsync(SchoolAdministrator, $"/api/municipalities/{alvby}/users/{await host.UserIdAsync(SchoolAdministrator)}/unlock", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync(SchoolAdministrator, $"/api/municipalities/{alvby}/users/{Guid.NewGuid()}/unlock", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await users.PostAsync("school.administrator@sjostad.demo", unlock, new { })).StatusCode);
        Assert.Equal("Account locked", await SignInProblemAsync(users, Locked));
        Assert.Empty(await host.AuditAsync(AuditAction.AccountUnlocked));

        using (var unlocked = await users.PostAsync(SchoolAdministrator, unlock, new { }))
        {
            Assert.Equal(HttpStatusCode.NoContent, unlocked.StatusCode);
        }

        Assert.Null(await SignInProblemAsync(users, Locked));
        var audited = Assert.Single(await host.AuditAsync(AuditAction.AccountUnlocked));
        Assert.Equal((SchoolAdministrator, (await host.UserIdAsync(Locked)).ToString(), alvby), (audited.Actor, audited.SubjectId, audited.MunicipalityId));

        // Not locked any more: a conflict, as the page tells it.
        var again = await ApiUsers.JsonAsync(await users.PostAsync(SchoolAdministrator, unlock, new { }), HttpStatusCode.Conflict);
        Assert.Equal("Not locked", again.GetProperty("title").GetString());
    }

    private static Dictionary<string, string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);

    /// <summary>The ids of the memberships the users list of the municipality shows the school's administrator.</summary>
    private static async Task<List<Guid>> ListedMembershipsAsync(ApiUsers users, string path) =>
        (await users.GetJsonAsync(SchoolAdministrator, path)).EnumerateArray()
            .SelectMany(u => u.GetProperty("memberships").EnumerateArray()).Select(m => m.GetProperty("id").GetGuid()).ToList();

    private static async Task<HttpStatusCode> DeleteAsync(ApiUsers users, string user, string path)
    {
        using var response = await users.SendAsync(user, HttpMethod.Delete, path);
        return response.StatusCode;
    }

    private static async Task<string?> SignInProblemAsync(ApiUsers users, string email)
    {
        using var response = await users.Client.PostAsJsonAsync("/api/auth/token", new { email, password = ApiUsers.Password });
        return response.StatusCode == HttpStatusCode.OK ? null : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
    }

    private static Task<Guid> MembershipIdAsync(SecurityHost host, string email, AgencyKind agency) =>
        host.WithDatabaseAsync(db => db.Memberships.Where(m => m.Agency!.Kind == agency && m.Agency.Municipality!.Code == "9901"
            && db.Users.Any(u => u.Id == m.UserId && u.Email == email)).Select(m => m.Id).SingleAsync());

    private static Task<int> MembershipCountAsync(SecurityHost host) => host.WithDatabaseAsync(db => db.Memberships.CountAsync());
}
