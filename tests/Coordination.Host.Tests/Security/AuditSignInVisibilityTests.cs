using System.Net;
using System.Net.Http.Json;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Sign-ins belong to no municipality. Every auditor once saw every municipality's sign-ins,
/// which tell who works where and when; now an auditor sees those of the people who work in the
/// auditor's municipalities, and failed sign-ins to an address that is nobody's account.
/// </summary>
public sealed class AuditSignInVisibilityTests
{
    [Fact]
    public async Task An_auditor_sees_the_sign_ins_of_their_municipality_and_not_of_another()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await users.TokenAsync("school.staff@alvby.demo");
        await users.TokenAsync("school.staff@sjostad.demo");
        using (var unknown = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@nowhere.demo", password = "wrong-password-1" }))
        {
            Assert.NotEqual(HttpStatusCode.OK, unknown.StatusCode);
        }

        var alvby = await ActorsAsync(users, "social.auditor@alvby.demo");
        var sjostad = await ActorsAsync(users, "school.auditor@sjostad.demo");

        Assert.Contains("school.staff@alvby.demo", alvby);
        Assert.DoesNotContain("school.staff@sjostad.demo", alvby);
        Assert.Contains("school.staff@sjostad.demo", sjostad);
        Assert.DoesNotContain("school.staff@alvby.demo", sjostad);

        // Nobody's account: no municipality owns the attempt, and every auditor can see the guessing.
        Assert.Contains("nobody@nowhere.demo", alvby);
        Assert.Contains("nobody@nowhere.demo", sjostad);
    }

    private static async Task<HashSet<string>> ActorsAsync(ApiUsers users, string auditor)
    {
        var entries = await users.GetJsonAsync(auditor, "/api/audit/entries?subjectType=User&from=2026-01-01&limit=500");
        return entries.EnumerateArray().Select(e => e.GetProperty("actor").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
