using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns.Plans;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A plan action is due no later than 31 December of the fifth year after the current one
/// (CaseDates). Before, a plan with an action by 9999-12-31 was agreed (201), but its task is due
/// when office hours end on that day and escalates after the routing rules' delay: from 9 hours on,
/// that instant does not exist, the task's workflow failed to count it and the offer ended as an
/// incident. The agency never got its task.
/// </summary>
public sealed class PlanActionDateTests
{
    private const string SocialAdministrator = "social.administrator@alvby.demo";
    private static readonly string[] OneGoal = ["Alva attends school"];

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_plan_action_past_the_fifth_year_ahead_is_refused_at_its_date_while_one_on_that_years_last_day_becomes_the_agencys_task(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "plan-far-ahead");
        using var users = new Caseworkers(host);
        await EscalateSixtyDaysAfterDueAsync(host, users);
        var id = await users.RaiseAndShareAsync("Police");
        await users.WaitForTaskAsync(Police, id, "JointWork");

        foreach (var byDate in new[] { "9999-12-31", "2032-01-01" })
        {
            var problem = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan(byDate), HttpStatusCode.BadRequest);
            Assert.Equal(["actions[1].byDate"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Contains("no later than 2031-12-31", problem.GetProperty("errors").GetProperty("actions[1].byDate")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.False(await host.WithDatabaseAsync(db => db.Set<CommitmentPlan>().AnyAsync(p => p.ConcernId == id)));

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", Plan("2031-12-31"), HttpStatusCode.Created);
        var task = await users.WaitForTaskAsync(Police, id, "PlanAction");
        Assert.Equal(new DateTimeOffset(2031, 12, 31, 15, 0, 0, TimeSpan.Zero), task.GetProperty("dueAt").GetDateTimeOffset());
    }

    /// <summary>
    /// On the case page an action's error is shown at its own row, also when a row above it was
    /// left blank (blank rows are not sent). Before, the error of the third row was shown under
    /// the empty second one, and the third showed none.
    /// </summary>
    [Fact]
    public async Task The_case_pages_error_of_an_action_below_a_blank_row_is_shown_at_its_own_row()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");

        using var response = await users.PostFormAsync(Coordinator, $"/Concerns/Case/{id}", "Plan",
        [
            new("Plan.Goals", "Alva attends school"),
            new("Plan.Actions[0].What", "Weekly talk with Alva"), new("Plan.Actions[0].Agency", "SocialServices"), new("Plan.Actions[0].ByDate", "2026-12-18"),
            new("Plan.Actions[1].What", ""), new("Plan.Actions[1].Agency", "SocialServices"), new("Plan.Actions[1].ByDate", ""),
            new("Plan.Actions[2].What", "Youth police meet Alva"), new("Plan.Actions[2].Agency", "Police"), new("Plan.Actions[2].ByDate", "9999-12-31"),
        ]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"Plan_Actions_2__ByDate-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"Plan_Actions_1__ByDate-error\"", html, StringComparison.Ordinal);
        Assert.False(await host.WithDatabaseAsync(db => db.Set<CommitmentPlan>().AnyAsync(p => p.ConcernId == id)));
    }

    /// <summary>The longest delay the routing rules take between a task's due time and its escalation.</summary>
    private static async Task EscalateSixtyDaysAfterDueAsync(EmbeddedHostFactory host, Caseworkers users)
    {
        var path = $"/api/municipalities/{await host.MunicipalityIdAsync("9901")}/routing-rules";
        var rules = JsonNode.Parse((await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules").GetRawText())!.AsObject();
        rules["escalationAfterDue"] = "60.00:00:00";
        using var saved = await users.PutAsync(SocialAdministrator, path, rules);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static object Plan(string byDate) => new
    {
        goals = OneGoal,
        actions = new[]
        {
            new { what = "Weekly talk with Alva", agency = "SocialServices", byDate = "2026-12-18" },
            new { what = "Youth police meet Alva and her mother", agency = "Police", byDate },
        },
    };
}
