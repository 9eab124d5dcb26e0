using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A teacher who raised a concern sees their report and social services' feedback as the school's
/// reporter. The view went with the account alone: moved to the municipality's leisure unit, or
/// left with an administrator's role only, the former teacher still read the report, its
/// feedback and its receipt. Now it follows the memberships the user holds: it is theirs while they
/// work on cases in the agency they reported from.
/// </summary>
public sealed class ReporterAccessTests
{
    private const string Teacher = "school.staff@alvby.demo";
    private const string SchoolAdministrator = "school.administrator@alvby.demo";
    private const string LeisureAdministrator = "leisure.administrator@alvby.demo";

    [Fact]
    public async Task A_reporter_moved_to_another_agency_no_longer_sees_the_report_and_sees_it_again_back_at_the_school()
    {
        await using var host = SecurityHost.OnSqlite();
        var alvby = await host.MunicipalityIdAsync("9901");
        var teacher = await host.UserIdAsync(Teacher);
        var path = $"/api/municipalities/{alvby}/users/{teacher}/memberships";
        using var admins = new ApiUsers(host);
        Guid id;
        using (var users = new ApiUsers(host))
        {
            id = (await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await CaseJourney.UntilAsync(host, db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == id), "the concern registered");
            await AssertSeesAsReporterAsync(host, id);
        }

        // The teacher moves to the municipality's leisure unit: a leisure role added, the school's removed.
        await admins.PostJsonAsync(LeisureAdministrator, path, new { agencyKind = "Leisure", role = "Staff" }, HttpStatusCode.Created);
        using (var removed = await admins.SendAsync(SchoolAdministrator, HttpMethod.Delete, $"{path}/{await MembershipAsync(host, teacher, AgencyKind.School)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await AssertSeesNothingAsync(host, id, HttpStatusCode.NotFound);

        // Back at the school, but as its administrator only (leisure left): administrators read no case content.
        await admins.PostJsonAsync(SchoolAdministrator, path, new { agencyKind = "School", role = "Administrator" }, HttpStatusCode.Created);
        using (var removed = await admins.SendAsync(LeisureAdministrator, HttpMethod.Delete, $"{path}/{await MembershipAsync(host, teacher, AgencyKind.Leisure)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await AssertSeesNothingAsync(host, id, HttpStatusCode.Forbidden);

        // Staff of the school again: the report and its feedback are theirs again.
        await admins.PostJsonAsync(SchoolAdministrator, path, new { agencyKind = "School", role = "Staff" }, HttpStatusCode.Created);
        await AssertSeesAsReporterAsync(host, id);
    }

    private static Task<Guid> MembershipAsync(SecurityHost host, Guid user, AgencyKind agency) =>
        host.WithDatabaseAsync(db => db.Set<Membership>().Where(m => m.UserId == user && m.Agency!.Kind == agency).Select(m => m.Id).SingleAsync());

    /// <summary>The case, its chronology, the list and the receipt, each read by the teacher signed in afresh.</summary>
    private static async Task AssertSeesAsReporterAsync(SecurityHost host, Guid id)
    {
        using var users = new ApiUsers(host);
        Assert.Equal("Reporter", (await users.GetJsonAsync(Teacher, $"/api/concerns/{id}")).GetProperty("access").GetString());
        await users.GetJsonAsync(Teacher, $"/api/concerns/{id}/chronology");
        Assert.Contains(id, Ids(await users.GetJsonAsync(Teacher, "/api/concerns?status=all")));
        using var browser = await users.BrowserAsync(Teacher, allowAutoRedirect: false);
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, $"/Concerns/Case/{id}"));
        Assert.Equal(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, $"/Concerns/Raised/{id}"));
    }

    private static async Task AssertSeesNothingAsync(SecurityHost host, Guid id, HttpStatusCode refusal)
    {
        using var users = new ApiUsers(host);
        using (var concern = await users.GetAsync(Teacher, $"/api/concerns/{id}"))
        {
            Assert.Equal(refusal, concern.StatusCode);
        }

        using (var chronology = await users.GetAsync(Teacher, $"/api/concerns/{id}/chronology"))
        {
            Assert.Equal(HttpStatusCode.NotFound, chronology.StatusCode);
        }

        using var list = await users.GetAsync(Teacher, "/api/concerns?status=all");
        if (list.StatusCode == HttpStatusCode.OK)
        {
            Assert.DoesNotContain(id, Ids(await ApiUsers.JsonAsync(list, HttpStatusCode.OK)));
        }

        using var browser = await users.BrowserAsync(Teacher, allowAutoRedirect: false);
        Assert.NotEqual(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, $"/Concerns/Case/{id}"));
        Assert.NotEqual(HttpStatusCode.OK, await ApiUsers.StatusAsync(browser, $"/Concerns/Raised/{id}"));
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
