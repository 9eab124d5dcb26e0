using Coordination.Workflows.Inspections.Risk;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Workflows.Tests.Inspections;

public sealed class RiskAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly InspectionSettings Defaults = InspectionSettings.DefaultsFor(Guid.NewGuid());

    [Fact]
    public void A_quiet_venue_visited_this_month_scores_nothing()
    {
        var venue = Venue(lastVisited: Now.AddDays(-3));

        var score = RiskAssessment.Score(venue, [], Defaults, Now);

        Assert.Equal(0, score.Score);
        Assert.Empty(score.Factors);
    }

    [Fact]
    public void The_score_comes_with_every_factor_that_made_it_weighted_by_the_settings()
    {
        var venue = Venue(lastVisited: Now.AddMonths(-7));
        venue.HasDancing = true;
        venue.HasYoungCrowd = true;
        venue.Complaints = 2;
        venue.ServingFrom = new TimeOnly(18, 0);
        venue.ServingUntil = new TimeOnly(3, 0);
        var history = new List<VenueHistoryEntry>
        {
            VenueHistoryEntry.For(venue, Now.AddYears(-1), VenueHistoryKind.Remark, "Remark"),
            Sanctioned(venue, Sanction.Erinran),
        };

        var score = RiskAssessment.Score(venue, history, Defaults, Now);

        var points = score.Factors.ToDictionary(f => f.Factor, f => f.Points);
        Assert.Equal(Defaults.DancingWeight, points["Dancing"]);
        Assert.Equal(Defaults.YoungCrowdWeight, points["YoungCrowd"]);
        Assert.Equal(Defaults.LateHoursWeight, points["LateHours"]);
        Assert.Equal(Defaults.EarlierRemarkWeight, points["EarlierRemarks"]);
        Assert.Equal(Defaults.EarlierSanctionWeight, points["EarlierSanctions"]);
        Assert.Equal(2 * Defaults.ComplaintWeight, points["Complaints"]);
        Assert.Equal(7 * Defaults.MonthSinceLastVisitWeight, points["TimeSinceLastVisit"]);
        Assert.Equal(points.Values.Sum(), score.Score);
    }

    [Fact]
    public void A_venue_under_supervision_whose_follow_up_is_due_comes_first()
    {
        var followedUp = Venue(lastVisited: Now.AddMonths(-6));
        followedUp.OpenSupervisionCaseId = Guid.NewGuid();
        followedUp.FollowUpDueAt = Now.AddDays(-1);
        var busy = Venue(lastVisited: Now.AddMonths(-24));
        busy.HasDancing = true;
        busy.HasYoungCrowd = true;
        busy.Complaints = 3;

        Assert.True(RiskAssessment.Score(followedUp, [], Defaults, Now).Score > RiskAssessment.Score(busy, [], Defaults, Now).Score);
    }

    [Theory]
    [InlineData(500_000_000)]
    [InlineData(int.MaxValue)]
    public void A_venue_stored_with_an_absurd_number_of_complaints_ranks_at_the_top_instead_of_wrapping_or_failing(int complaints)
    {
        var venue = Venue(lastVisited: Now.AddMonths(-30));
        venue.HasDancing = true;
        venue.Complaints = complaints;

        var score = RiskAssessment.Score(venue, [], Defaults, Now);

        Assert.Equal(int.MaxValue, score.Score);
        Assert.Equal(int.MaxValue, score.Factors.Single(f => f.Factor == "Complaints").Points);
    }

    private static Venue Venue(DateTimeOffset lastVisited) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Klubb Natt",
        LicenseeName = "Klubb Natt AB",
        OrganisationNumber = "556016-0680",
        Address = "Storgatan 1",
        PostalTown = "Älvby",
        RegisteredAt = Now.AddYears(-3),
        LastVisitedAt = lastVisited,
    };

    private static VenueHistoryEntry Sanctioned(Venue venue, Sanction sanction)
    {
        var entry = VenueHistoryEntry.For(venue, Now.AddYears(-1), VenueHistoryKind.SanctionDecided, sanction.ToString());
        entry.Sanction = sanction;
        return entry;
    }
}
