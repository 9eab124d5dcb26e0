using System.Net;
using Coordination.Host.FollowUp;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Workflows.Identity;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>
/// The half-year follow-up counts inspection rounds by the evening they take place, as it counts
/// visits by when they started and the yearly promise by the round's date. It counted them by when
/// they were planned: a round planned in December for a January evening was "planned" in the
/// autumn's report and missing from the spring's, where its visits were.
/// </summary>
public sealed class FollowUpRoundsTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_round_planned_in_the_autumn_for_a_january_evening_counts_in_the_springs_report(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var autumn = await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        await scenario.AcceptedRoundAsync(venueId, "2027-01-15");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));
        using (var visit = await scenario.RecordVisitAsync(autumn, venueId, new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero), Item("serving.order-and-sobriety", "Ok")))
        {
            await InspectionsClient.ReadAsync(visit, HttpStatusCode.Created);
        }

        var autumnReport = await FollowUpReports.ForManagerAsync(scenario.Host, AgencyKind.LicensingUnit);
        Assert.Equal(1, FollowUpReports.Row(autumnReport, "Inspections", "RoundsPlanned"));
        Assert.Equal(1, FollowUpReports.Row(autumnReport, "Inspections", "RoundsDone"));
        Assert.Equal(1, FollowUpReports.Row(autumnReport, "Inspections", "JointRounds"));

        var spring = await FollowUpReports.ForManagerAsync(scenario.Host, AgencyKind.LicensingUnit, HalfYear.Containing(new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1, FollowUpReports.Row(spring, "Inspections", "RoundsPlanned"));
        Assert.Equal(0, FollowUpReports.Row(spring, "Inspections", "RoundsDone"));
        Assert.Equal(1, FollowUpReports.Row(spring, "Inspections", "JointRoundsPlanned"));
        Assert.Equal(0, FollowUpReports.Row(spring, "Inspections", "JointRounds"));
    }

    /// <summary>
    /// A joint round is done when it took place: a visit of it was recorded. The report counted
    /// every round the police had accepted as a joint round, also one whose evening passed without
    /// any visit, so the promise of joint rounds looked kept by rounds that never happened.
    /// </summary>
    [Fact]
    public async Task A_joint_round_whose_evening_passed_without_a_visit_is_planned_but_not_done()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var visited = await scenario.AcceptedRoundAsync(venueId, "2026-11-27");
        await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        using (var visit = await scenario.RecordVisitAsync(visited, venueId, Item("serving.order-and-sobriety", "Ok")))
        {
            await InspectionsClient.ReadAsync(visit, HttpStatusCode.Created);
        }

        var report = await FollowUpReports.ForManagerAsync(scenario.Host, AgencyKind.LicensingUnit);

        Assert.Equal(1, FollowUpReports.Row(report, "Inspections", "JointRounds"));
        Assert.Equal(2, FollowUpReports.Row(report, "Inspections", "JointRoundsPlanned"));
        Assert.Equal(1, FollowUpReports.Row(report, "Inspections", "RoundsDone"));
    }
}
