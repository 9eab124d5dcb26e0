using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Concerns.Routing;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// Inspections count their deadlines with the municipality's calendar, as concerns do: its office
/// hours, whether limits counted in calendar days move off weekends and holidays, and its own
/// closing days (the routing rules). They used a fixed calendar ending the day at 16:00.
/// </summary>
public sealed class InspectionCalendarTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    [Fact]
    public async Task The_reply_time_and_the_appeal_window_end_when_the_municipality_says_its_day_ends()
    {
        await using var scenario = await InspectionScenario.StartAsync(HostBackend.SqliteInMemory);
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            db.Add(new RoutingRuleSet
            {
                Id = Guid.NewGuid(),
                MunicipalityId = scenario.MunicipalityId,
                Version = 1,
                Rules = JsonSerializer.Serialize(RoutingRules.Default with { OfficeHoursEnd = new TimeOnly(15, 0) }, RoutingRules.Json),
                ChangedAt = scenario.Host.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        var replyDue = TimeZoneInfo.ConvertTime(communicated.GetProperty("replyDueAt").GetDateTimeOffset(), Stockholm);
        Assert.Equal(new TimeSpan(15, 0, 0), replyDue.TimeOfDay);

        await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = "We have trained our staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", InspectionScenario.WorkflowWait, "the case ready for decision", scenario.Host.Clock.TickSecond);
        var decided = await scenario.Officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning" });
        var appealEnds = TimeZoneInfo.ConvertTime(decided.GetProperty("appealEndsAt").GetDateTimeOffset(), Stockholm);
        Assert.Equal(new TimeSpan(15, 0, 0), appealEnds.TimeOfDay);
    }
}
