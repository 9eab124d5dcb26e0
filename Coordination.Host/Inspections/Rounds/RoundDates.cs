using System.Globalization;
using Coordination.Host.WebUi;

namespace Coordination.Host.Inspections.Rounds;

/// <summary>
/// The dates a round, a proposed evening, a joint-round year or a calendar month may have: from
/// 2000-01-01 to the end of the fifth year after the current one (Stockholm time). Rounds are
/// planned weeks or months ahead; a year such as 0001 or 9999 is a typo, and at the ends of the
/// calendar the evening's times in UTC cannot be computed.
/// </summary>
internal static class RoundDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static DateOnly Latest(DateTimeOffset now) => PlanningHorizon.Latest(StockholmTime.Today(now));

    public static bool Contains(DateOnly date, DateTimeOffset now) => date >= Earliest && date <= Latest(now);

    /// <summary>The date when it lies in the window, or null with an error naming <paramref name="field"/>.</summary>
    public static DateOnly? Within(ValidationErrors errors, string field, DateOnly? date, DateTimeOffset now)
    {
        if (date is not { } day)
        {
            return null;
        }

        if (!Contains(day, now))
        {
            errors.Add(field, $"Must be a date between {StockholmTime.Show(Earliest)} and {StockholmTime.Show(Latest(now))}.");
            return null;
        }

        return day;
    }

    /// <summary>Whether the year lies in the window, with an error naming <paramref name="field"/> when not.</summary>
    public static bool YearWithin(ValidationErrors errors, string field, int year, DateTimeOffset now)
    {
        var latest = Latest(now).Year;
        if (year >= Earliest.Year && year <= latest)
        {
            return true;
        }

        errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Must be a year between {Earliest.Year} and {latest}."));
        return false;
    }
}
