using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// What social services record on a case is refused at the field that is wrong, and dates are
/// Swedish dates: "today" starts at midnight in Stockholm, an hour or two before the UTC date.
/// Quick checks on SQLite and the in-memory bus.
/// </summary>
public sealed class CaseInputTests
{
    private static readonly string[] OneGoal = ["Alva attends school"];
    private static readonly string?[] GoalsWithAGap = ["Alva attends school", null];
    private static readonly string[] GoalWithALineBreak = ["Alva attends school", "Mål ett\nMål två"];
    private static readonly string[] TwoGoals = ["Mål ett", "Mål två"];

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

    private static readonly string[] PoliceOnly = ["Police"];

    [Fact]
    public async Task A_consent_must_say_what_it_covers_and_the_case_shows_it()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        var path = $"/api/concerns/{id}/legal-bases";

        var none = await users.PostJsonAsync(Coordinator, path, new { kind = "Consent", parties = PoliceOnly, givenBy = "Guardians", givenOn = "2026-11-20", documentReference = "Samtycke 2026-118" }, HttpStatusCode.BadRequest);
        Assert.Equal(["scope"], Fields(none));
        var tooLong = await users.PostJsonAsync(Coordinator, path, new { kind = "Consent", parties = PoliceOnly, givenBy = "Guardians", givenOn = "2026-11-20", documentReference = "Samtycke 2026-118", scope = new string('x', 501) }, HttpStatusCode.BadRequest);
        Assert.Equal(["scope"], Fields(tooLong));
        Assert.Empty((await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}")).GetProperty("legalBases").EnumerateArray());

        await users.PostJsonAsync(Coordinator, path, Consent("Guardians", "2026-11-20"), HttpStatusCode.Created);
        var basis = Assert.Single((await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}")).GetProperty("legalBases").EnumerateArray());
        Assert.Equal("School attendance and leisure", basis.GetProperty("scope").GetString());
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

    [Fact]
    public async Task A_concern_about_a_child_born_today_in_Stockholm_can_be_raised_after_midnight_there_while_tomorrow_is_refused()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);

        // 23:30 UTC on Monday is 00:30 on Tuesday 24 November in Stockholm.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
        var unborn = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern("20261125-1238"), HttpStatusCode.BadRequest);
        Assert.Equal(["youngPerson.personalIdentityNumber"], Fields(unborn));
        await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern("20261124-1239"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_plan_with_a_missing_goal_or_action_is_refused_naming_its_place_in_the_list()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        var action = new { what = "Talk with Alva every week", agency = "SocialServices", byDate = "2026-12-18" };

        var missingAction = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = OneGoal, actions = new object?[] { action, null } }, HttpStatusCode.BadRequest);
        Assert.Equal(["actions[1]"], Fields(missingAction));

        var missingGoal = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = GoalsWithAGap, actions = new[] { action } }, HttpStatusCode.BadRequest);
        Assert.Equal(["goals[1]"], Fields(missingGoal));
    }

    [Fact]
    public async Task A_goal_with_a_line_break_is_refused_at_its_place_instead_of_coming_back_as_two_goals()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        var action = new { what = "Talk with Alva every week", agency = "SocialServices", byDate = "2026-12-18" };

        var twoLines = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = GoalWithALineBreak, actions = new[] { action } }, HttpStatusCode.BadRequest);
        Assert.Equal(["goals[1]"], Fields(twoLines));

        // Nine goals of 500 characters do not fit the 4,000 the goals are stored in.
        var tooMuch = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = Enumerable.Repeat(new string('g', 500), 9), actions = new[] { action } }, HttpStatusCode.BadRequest);
        Assert.Equal(["goals"], Fields(tooMuch));
        Assert.Equal(JsonValueKind.Null, (await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}")).GetProperty("plan").ValueKind);

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = TwoGoals, actions = new[] { action } }, HttpStatusCode.Created);
        var plan = (await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}")).GetProperty("plan");
        Assert.Equal(TwoGoals, plan.GetProperty("goals").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task A_plan_action_is_due_no_earlier_than_today_in_Stockholm_after_midnight_there()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);

        // 23:30 UTC on Monday is 00:30 on Tuesday 24 November in Stockholm: Monday has passed.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
        var yesterday = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan("2026-11-23"), HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].byDate"], Fields(yesterday));
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan("2026-11-24"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_plan_action_due_today_is_refused_once_office_hours_have_ended_so_it_is_never_born_overdue()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);

        // 15:30 UTC on Monday is 16:30 in Stockholm: office hours ended at 16:00.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero));
        var today = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan("2026-11-23"), HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].byDate"], Fields(today));
        Assert.Contains("Office hours have ended", today.GetProperty("errors").GetProperty("actions[0].byDate")[0].GetString(), StringComparison.Ordinal);
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan("2026-11-24"), HttpStatusCode.Created);
    }

    /// <summary>
    /// An action for the tax agency, or for an agency the municipality does not have, was refused
    /// as "not shared with it: record a consent or other legal basis naming it first", advice the
    /// legal-basis endpoint then refuses. Each is now refused for what it is, at its action.
    /// </summary>
    [Fact]
    public async Task A_plan_action_for_an_agency_no_basis_can_name_is_refused_for_what_it_is_at_its_action()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        await host.WithDatabaseAsync(async db =>
        {
            var municipality = await db.Set<Concern>().Where(c => c.Id == id).Select(c => c.MunicipalityId).SingleAsync();
            var leisure = await db.Agencies.Where(a => a.MunicipalityId == municipality && a.Kind == AgencyKind.Leisure).Select(a => a.Id).SingleAsync();
            await db.Memberships.Where(m => m.AgencyId == leisure).ExecuteDeleteAsync();
            return await db.Agencies.Where(a => a.Id == leisure).ExecuteDeleteAsync();
        });
        object Action(string agency) => new { what = "Talk with Alva", agency, byDate = "2026-12-18" };

        var refused = await users.PostJsonAsync(
            Coordinator, $"/api/concerns/{id}/plan", new { goals = OneGoal, actions = new[] { Action("TaxAgency"), Action("Leisure"), Action("Police") } }, HttpStatusCode.BadRequest);

        Assert.Equal(["actions[0].agency", "actions[1].agency", "actions[2].agency"], Fields(refused));
        var errors = refused.GetProperty("errors");
        Assert.Equal(
            "TaxAgency takes part in inspections, not in the joint work on concerns; name social services, the school, the police or leisure.",
            errors.GetProperty("actions[0].agency")[0].GetString());
        Assert.Equal("The municipality has no Leisure agency.", errors.GetProperty("actions[1].agency")[0].GetString());
        Assert.StartsWith("The concern is not shared with Police", errors.GetProperty("actions[2].agency")[0].GetString(), StringComparison.Ordinal);
    }

    private static object Plan(string byDate) =>
        new { goals = OneGoal, actions = new[] { new { what = "Talk with Alva", agency = "SocialServices", byDate } } };

    private static object Consent(string givenBy, string givenOn) =>
        new { kind = "Consent", parties = new[] { "Police" }, givenBy, givenOn, documentReference = "Samtycke 2026-118", scope = "School attendance and leisure" };

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
}
