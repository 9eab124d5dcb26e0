namespace Coordination.Workflows.Calendar;

/// <summary>
/// A time limit counted in calendar months, weeks and days, such as the 14 days of the
/// preliminary assessment or the 4 months of an investigation. Kept apart from working days
/// because the law counts these by the calendar and only moves the last day.
/// </summary>
public sealed record CalendarPeriod
{
    public CalendarPeriod(int months = 0, int weeks = 0, int days = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Months = months;
        Weeks = weeks;
        Days = days;
    }

    public int Months { get; }

    public int Weeks { get; }

    public int Days { get; }

    public static CalendarPeriod OfDays(int days) => new(days: days);

    public static CalendarPeriod OfWeeks(int weeks) => new(weeks: weeks);

    public static CalendarPeriod OfMonths(int months) => new(months: months);

    /// <summary>
    /// The last day of the period that starts on <paramref name="start"/>. Months end on the
    /// same day number, or on the last day of a shorter month (four months from 31 October
    /// end on the last day of February); weeks on the same weekday; months are counted first.
    /// </summary>
    public DateOnly EndFrom(DateOnly start) => start.AddMonths(Months).AddDays((7 * Weeks) + Days);
}
