using System.Net;
using System.Net.Http.Json;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// An auditor's search filter is either read as written or refused naming the parameter: a
/// comma list of actions was once read as enum flags and answered with a third action's
/// entries, and a parameter given twice matched nothing, both without a word.
/// </summary>
public sealed class AuditSearchFilterTests
{
    private const string Auditor = "social.auditor@alvby.demo";

    [Theory]
    [InlineData("action=PersonalDataRead,Disclosure", "action")]
    [InlineData("action=SignInFailed&action=Disclosure", "action")]
    [InlineData("action=3", "action")]
    [InlineData("action=", "action")]
    [InlineData("actor=00000000-0000-0000-0000-000000000001&actor=00000000-0000-0000-0000-000000000002", "actor")]
    [InlineData("actor=someone", "actor")]
    [InlineData("from=04/12/2026", "from")]
    [InlineData("to=2026-12-04&to=2026-12-05", "to")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("subjectType=User&subjectType=Concern", "subjectType")]
    [InlineData("subjectId=a&subjectId=b", "subjectId")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("actorName=a&actorName=b", "actorName")]
    public async Task A_filter_that_is_not_one_valid_value_is_refused_naming_the_parameter(string filter, string parameter)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);

        foreach (var path in new[] { "/api/audit/entries", "/api/audit/export" })
        {
            using var response = await users.GetAsync(Auditor, $"{path}?{filter}");
            var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Fact]
    public async Task One_action_by_name_in_any_case_finds_only_that_action()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await users.TokenAsync("school.staff@alvby.demo");

        var entries = await users.GetJsonAsync(Auditor, "/api/audit/entries?action=signinsucceeded&from=2026-01-01");

        Assert.NotEmpty(entries.EnumerateArray());
        Assert.All(entries.EnumerateArray(), e => Assert.Equal("SignInSucceeded", e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task An_actor_name_finds_that_address_in_any_case_including_a_failed_sign_in_to_nobodys_address()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await users.TokenAsync("school.staff@alvby.demo");
        await users.TokenAsync("police.staff@alvby.demo");
        using (var failed = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@alvby.demo", password = "wrong" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var school = await users.GetJsonAsync(Auditor, "/api/audit/entries?actorName=School.Staff@ALVBY.demo");
        var nobody = await users.GetJsonAsync(Auditor, "/api/audit/entries?actorName=nobody@alvby.demo");

        Assert.Equal(["SignInSucceeded"], school.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(school.EnumerateArray(), e => Assert.Equal("school.staff@alvby.demo", e.GetProperty("actor").GetString()));
        Assert.Equal(["SignInFailed"], nobody.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }
}
