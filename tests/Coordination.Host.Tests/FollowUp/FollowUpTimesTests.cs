using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Identity;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>
/// DOMAIN.md asks the half-year follow-up for the time to the protective and the preliminary
/// assessment against their limits, and for remarks by kind; it gave counts on time and late only,
/// and all remarks as one number.
/// </summary>
public sealed class FollowUpTimesTests
{
    [Fact]
    public async Task The_report_gives_the_median_and_longest_time_to_each_assessment_from_the_report()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        // Two concerns: protective assessments after 2 and 5 hours, decisions after 3 and 10 days,
        // each counted from when it was raised (raising waits for the workflow, moving the clock).
        var first = await users.RaiseAsync();
        var firstRaised = await RaisedAtAsync(users, first);
        host.Clock.AdvanceTo(firstRaised + TimeSpan.FromHours(2));
        var second = await users.RaiseAsync();
        var secondRaised = await RaisedAtAsync(users, second);
        await ProtectiveAsync(users, first.GetProperty("id").GetGuid());
        host.Clock.AdvanceTo(secondRaised + TimeSpan.FromHours(5));
        await ProtectiveAsync(users, second.GetProperty("id").GetGuid());
        host.Clock.AdvanceTo(firstRaised + TimeSpan.FromDays(3));
        await DecideAsync(users, first.GetProperty("id").GetGuid());
        host.Clock.AdvanceTo(secondRaised + TimeSpan.FromDays(10));
        await DecideAsync(users, second.GetProperty("id").GetGuid());

        var report = await FollowUpReports.ForManagerAsync(host, AgencyKind.SocialServices);
        Assert.Equal(4, FollowUpReports.Row(report, "ProtectiveAssessment", "MedianHours"));
        Assert.Equal(5, FollowUpReports.Row(report, "ProtectiveAssessment", "LongestHours"));
        Assert.Equal(7, FollowUpReports.Row(report, "PreliminaryAssessment", "MedianDays"));
        Assert.Equal(10, FollowUpReports.Row(report, "PreliminaryAssessment", "LongestDays"));
    }

    [Fact]
    public async Task The_report_counts_remarks_by_checklist_item()
    {
        await using var scenario = await InspectionScenario.StartAsync(HostBackend.SqliteInMemory);
        var venue = await scenario.RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var round = await scenario.AcceptedRoundAsync(venue);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var visited = await scenario.RecordVisitAsync(round, venue,
            InspectionScenario.Item("serving.no-serving-under-18", "Remark", "A guest aged 17 was served."),
            InspectionScenario.Item("serving.order-and-sobriety", "Remark", "Intoxicated guests in the bar."),
            InspectionScenario.Item("serving.serving-hours", "Ok")))
        {
            await InspectionsClient.ReadAsync(visited, HttpStatusCode.Created);
        }

        var report = await FollowUpReports.ForManagerAsync(scenario.Host, AgencyKind.LicensingUnit);
        Assert.Equal(2, FollowUpReports.Row(report, "Inspections", "Remarks"));
        var byKind = report.Rows.Where(r => r.Section == "RemarksByKind").ToDictionary(r => r.Measure, r => r.Value);
        Assert.Equal(new Dictionary<string, int> { ["serving.no-serving-under-18"] = 1, ["serving.order-and-sobriety"] = 1 }, byKind);
    }

    private static async Task<DateTimeOffset> RaisedAtAsync(Caseworkers users, JsonElement raised) =>
        (await users.ConcernAsync(raised.GetProperty("id").GetGuid())).GetProperty("raisedAt").GetDateTimeOffset();

    private static async Task ProtectiveAsync(Caseworkers users, Guid id)
    {
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(id, c => c.GetProperty("protectiveAssessmentDoneAt").ValueKind != JsonValueKind.Null, "the protective assessment stored");
    }

    private static async Task DecideAsync(Caseworkers users, Guid id)
    {
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "NotOpened", "the decision stored");
    }
}
