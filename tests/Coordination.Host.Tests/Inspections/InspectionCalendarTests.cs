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

    /// <summary>
    /// A reply or an appeal that reaches the municipality on the last day is in time, whenever that
    /// day it comes (förvaltningslagen 30 §): the reply time and the appeal window end when their
    /// last day ends in Stockholm, not when the municipality's office hours end. Before, they ended
    /// at office hours' end: the board could decide while the licensee still had the evening to
    /// reply, and an appeal e-mailed that evening was refused.
    /// </summary>
    [Fact]
    public async Task The_reply_time_and_the_appeal_window_end_when_their_last_day_ends_not_when_office_hours_end()
    {
        await using var scenario = await InspectionScenario.StartAsync(HostBackend.SqliteInMemory);
        var clock = scenario.Host.Clock;
        await scenario.Host.WithDatabaseAsync(async db =>
        {
            db.Add(new RoutingRuleSet
            {
                Id = Guid.NewGuid(),
                MunicipalityId = scenario.MunicipalityId,
                Version = 1,
                Rules = JsonSerializer.Serialize(RoutingRules.Default with { OfficeHoursEnd = new TimeOnly(15, 0) }, RoutingRules.Json),
                ChangedAt = clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await scenario.Officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        var replyDue = TimeZoneInfo.ConvertTime(communicated.GetProperty("replyDueAt").GetDateTimeOffset(), Stockholm);
        Assert.Equal(TimeSpan.Zero, replyDue.TimeOfDay);

        // The evening of the last day, after office hours: the reply time still runs, the board
        // may not decide yet, and a reply e-mailed now is the licensee's reply.
        var lastEvening = new DateTimeOffset(replyDue.AddTicks(-1).Date.AddHours(19), replyDue.Offset);
        clock.AdvanceTo(lastEvening);
        for (var i = 0; i < 5; i++)
        {
            clock.TickSecond();
        }

        Assert.Equal("AwaitingReply", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
        using (var early = await scenario.Officer.PostAsync($"{path}/decision", new { sanction = "Varning" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, early.StatusCode);
        }

        await scenario.Officer.PostJsonAsync($"{path}/reply", new { text = "We have trained our staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", InspectionScenario.WorkflowWait, "the case ready for decision", clock.TickSecond);
        var decided = await scenario.Officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning" });
        var appealEnds = TimeZoneInfo.ConvertTime(decided.GetProperty("appealEndsAt").GetDateTimeOffset(), Stockholm);
        Assert.Equal(TimeSpan.Zero, appealEnds.TimeOfDay);

        // An appeal that arrives at eight in the evening of the window's last day is in time.
        clock.AdvanceTo(new DateTimeOffset(appealEnds.AddTicks(-1).Date.AddHours(20), appealEnds.Offset));
        await scenario.Officer.PostJsonAsync($"{path}/appeal", new { text = "We appeal the varning." });
        Assert.Equal("Appealed", (await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() != "AppealWindowOpen", InspectionScenario.WorkflowWait, "the appeal taken", clock.TickSecond)).GetProperty("status").GetString());

        // The case page shows the last days as dates.
        using var page = await scenario.Officer.GetAsync($"/Inspections/Case?id={caseId}");
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"<dt>Sista dag att överklaga</dt><dd>{appealEnds.AddDays(-1):yyyy-MM-dd}</dd>", html, StringComparison.Ordinal);
    }
}
