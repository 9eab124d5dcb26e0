using System.Globalization;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Workflows.Inspections.Risk;

/// <summary>
/// Scores a venue for risk-based selection (DOMAIN.md Workflow B step 1) from weighted factors
/// in the municipality's <see cref="InspectionSettings"/>. A venue under supervision whose
/// follow-up has come due is put first.
/// </summary>
public static class RiskAssessment
{
    private const int MaxMonthsSinceVisit = 24;

    public static RiskScore Score(Venue venue, IReadOnlyCollection<VenueHistoryEntry> history, InspectionSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(settings);
        var factors = new List<RiskFactor>();
        void Add(string factor, int weight, int count, string explanation)
        {
            if (count > 0 && weight != 0)
            {
                factors.Add(new RiskFactor(factor, weight, count, Saturated((long)weight * count), explanation));
            }
        }

        Add("Dancing", settings.DancingWeight, venue.HasDancing ? 1 : 0, "Dancing at the venue");
        Add("YoungCrowd", settings.YoungCrowdWeight, venue.HasYoungCrowd ? 1 : 0, "A young crowd");
        Add("LateHours", settings.LateHoursWeight, ServesLate(venue, settings.LateHoursFrom) ? 1 : 0, $"Serves after {settings.LateHoursFrom.ToString("HH:mm", CultureInfo.InvariantCulture)}");
        var remarks = history.Count(e => e.Kind == VenueHistoryKind.Remark);
        Add("EarlierRemarks", settings.EarlierRemarkWeight, remarks, $"{remarks.ToString(CultureInfo.InvariantCulture)} earlier remark(s)");
        var sanctions = history.Count(e => e.Kind == VenueHistoryKind.SanctionDecided);
        Add("EarlierSanctions", settings.EarlierSanctionWeight, sanctions, $"{sanctions.ToString(CultureInfo.InvariantCulture)} earlier erinran, varning or återkallelse");
        Add("Complaints", settings.ComplaintWeight, venue.Complaints, $"{venue.Complaints.ToString(CultureInfo.InvariantCulture)} complaint(s)");
        var months = MonthsSince(venue.LastVisitedAt ?? venue.RegisteredAt, now);
        Add("TimeSinceLastVisit", settings.MonthSinceLastVisitWeight, months, venue.LastVisitedAt is null
            ? $"Never visited; registered {months.ToString(CultureInfo.InvariantCulture)} month(s) ago"
            : $"{months.ToString(CultureInfo.InvariantCulture)} month(s) since the last visit");
        var followUpDue = venue.OpenSupervisionCaseId is not null && venue.FollowUpDueAt is { } due && due <= now;
        Add("SupervisionFollowUpDue", settings.SupervisionFollowUpWeight, followUpDue ? 1 : 0, "Under supervision: the six-monthly follow-up is due");

        return new RiskScore(venue.Id, venue.Name, Saturated(factors.Sum(f => (long)f.Points)), factors.OrderByDescending(f => f.Points).ToList());
    }

    /// <summary>The earlier sanctions of a venue, as the ladder counts them.</summary>
    public static IReadOnlyList<Sanction> Sanctions(IEnumerable<VenueHistoryEntry> history) =>
        history.Where(e => e.Kind == VenueHistoryKind.SanctionDecided && e.Sanction is not null).Select(e => e.Sanction!.Value).ToList();

    /// <summary>
    /// Points held at the ends of <see cref="int"/>: a venue stored with an absurd count (older
    /// rows, before counts were bounded) ranks first instead of wrapping round to a negative
    /// score or failing the ranking of the whole municipality.
    /// </summary>
    private static int Saturated(long points) => (int)Math.Clamp(points, int.MinValue, int.MaxValue);

    private static bool ServesLate(Venue venue, TimeOnly lateFrom)
    {
        if (venue.ServingUntil is not { } until)
        {
            return false;
        }

        // Serving past midnight ends "earlier" than it starts; late means past lateFrom after the evening.
        var pastMidnight = venue.ServingFrom is { } from && until < from;
        return pastMidnight ? until > lateFrom : until > lateFrom && lateFrom > new TimeOnly(12, 0);
    }

    private static int MonthsSince(DateTimeOffset then, DateTimeOffset now)
    {
        var months = ((now.Year - then.Year) * 12) + now.Month - then.Month - (now.Day < then.Day ? 1 : 0);
        return Math.Clamp(months, 0, MaxMonthsSinceVisit);
    }
}
