using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// GET /api/overdue narrows to one municipality or one agency as the dashboard does. The police
/// managers of the local area manage the police of both demo municipalities and read one at a
/// time; an id they do not manage gives an empty list, never another municipality's work.
/// </summary>
public sealed class OverdueFilterTests
{
    private const string PoliceManager = "police.manager@alvby.demo";
    private const string SocialManager = "social.manager@alvby.demo";

    [Fact]
    public async Task The_overdue_list_is_narrowed_by_municipality_and_agency_and_shows_nothing_outside_what_the_manager_manages()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var agencies = await host.WithDatabaseAsync(db => db.Agencies.Select(a => new { a.Id, a.Kind, a.MunicipalityId, a.Municipality!.Code }).ToListAsync());
        var alvby = agencies.First(a => a.Code == "9901").MunicipalityId;
        var sjostad = agencies.First(a => a.Code == "9902").MunicipalityId;
        var alvbyPolice = agencies.Single(a => a.Code == "9901" && a.Kind == AgencyKind.Police).Id;
        var sjostadPolice = agencies.Single(a => a.Code == "9902" && a.Kind == AgencyKind.Police).Id;
        var alvbySchool = agencies.Single(a => a.Code == "9901" && a.Kind == AgencyKind.School).Id;

        Assert.Equal(new[] { alvbyPolice, sjostadPolice }.Order(), await AgenciesAsync(users, PoliceManager, ""));
        Assert.Equal([sjostadPolice], await AgenciesAsync(users, PoliceManager, $"?agencyId={sjostadPolice}"));
        Assert.Equal([alvbyPolice], await AgenciesAsync(users, PoliceManager, $"?municipalityId={alvby}"));
        Assert.Empty(await AgenciesAsync(users, PoliceManager, $"?municipalityId={alvby}&agencyId={sjostadPolice}"));
        Assert.Empty(await AgenciesAsync(users, PoliceManager, $"?agencyId={alvbySchool}"));
        Assert.Empty(await AgenciesAsync(users, PoliceManager, $"?agencyId={Guid.NewGuid()}"));
        Assert.Empty(await AgenciesAsync(users, SocialManager, $"?municipalityId={sjostad}"));

        foreach (var (query, field) in new[] { ("?agencyId=police", "agencyId"), ($"?municipalityId={alvby}&municipalityId={sjostad}", "municipalityId") })
        {
            var refused = await users.GetAsync(PoliceManager, "/api/overdue" + query);
            var problem = await ApiUsers.JsonAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    private static async Task<List<Guid>> AgenciesAsync(ApiUsers users, string user, string query)
    {
        var overdue = await users.GetJsonAsync(user, "/api/overdue" + query);
        return [.. overdue.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("agencyId").GetGuid()).Order()];
    }
}
