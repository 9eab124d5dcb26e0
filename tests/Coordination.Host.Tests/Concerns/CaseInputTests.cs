using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Security;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// What social services record on a case is refused at the field that is wrong, and dates are
/// Swedish dates: "today" starts at midnight in Stockholm, an hour or two before the UTC date.
/// Quick checks on SQLite and the in-memory bus.
/// </summary>
public sealed class CaseInputTests
{
    [Fact]
    public async Task A_consent_dated_before_the_young_persons_birth_is_refused_and_who_must_consent_is_still_checked()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);

        var beforeBirth = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", Consent("Guardians", "2005-01-01"), HttpStatusCode.BadRequest);
        Assert.Equal(["givenOn"], Fields(beforeBirth));

        // A fourteen-year-old cannot consent alone, whatever the date says.
        var alone = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", Consent("YoungPerson", "2005-01-01"), HttpStatusCode.BadRequest);
        Assert.Equal(["givenBy", "givenOn"], Fields(alone));
        Assert.Contains("Under 15", alone.GetProperty("errors").GetProperty("givenBy")[0].GetString(), StringComparison.Ordinal);

        var concern = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}");
        Assert.Empty(concern.GetProperty("legalBases").EnumerateArray());
    }

    [Fact]
    public async Task A_consent_given_today_in_Stockholm_is_taken_after_midnight_there_while_tomorrow_is_refused()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);

        // 23:30 UTC on Monday is 00:30 on Tuesday 24 November in Stockholm.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
        var tomorrow = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", Consent("Guardians", "2026-11-25"), HttpStatusCode.BadRequest);
        Assert.Equal(["givenOn"], Fields(tomorrow));
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", Consent("Guardians", "2026-11-24"), HttpStatusCode.Created);
    }

    private static object Consent(string givenBy, string givenOn) =>
        new { kind = "Consent", parties = new[] { "Police" }, givenBy, givenOn, documentReference = "Samtycke 2026-118" };

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
}
