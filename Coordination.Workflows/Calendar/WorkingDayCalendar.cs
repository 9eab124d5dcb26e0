using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Coordination.Workflows.Calendar;

/// <summary>
/// Turns the legal and practical time limits of the workflows into UTC instants: deadlines in
/// working days, the "same day" protective assessment (skyddsbedömning, SoL 11 kap. 1 a §)
/// and statutory limits in days, weeks or months (lag 1930:173). Dates are Swedish local
/// dates; a deadline falls due when office hours end on its last day.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly TimeZoneInfo zone;
    private readonly TimeOnly officeHoursEnd;
    private readonly bool moveCalendarDeadlines;
    private readonly FrozenSet<DateOnly> extraClosedDates;
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> holidaysByYear = new();

    public WorkingDayCalendar(WorkingDayCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException(
                $"{nameof(WorkingDayCalendarOptions)}.{nameof(WorkingDayCalendarOptions.TimeZoneId)} " +
                $"'{options.TimeZoneId}' is not a time zone known to this machine.",
                nameof(options),
                e);
        }

        officeHoursEnd = options.OfficeHoursEnd;
        moveCalendarDeadlines = options.MoveCalendarDeadlinesToNextWorkingDay;
        extraClosedDates = options.ExtraClosedDates.ToFrozenSet();
    }

    /// <summary>False on Saturdays, Sundays, the days in <see cref="SwedishHolidays"/> and the extra closed dates.</summary>
    public bool IsWorkingDay(DateOnly date) => !IsStatutoryDayOff(date) && !extraClosedDates.Contains(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>
    /// The working day <paramref name="days"/> working days after <paramref name="date"/>
    /// (before it when negative); <paramref name="date"/> itself need not be a working day.
    /// Zero returns <paramref name="date"/> unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = days < 0 ? -1 : 1;
        var result = date;
        for (var remaining = Math.Abs(days); remaining > 0; remaining--)
        {
            do
            {
                result = result.AddDays(step);
            }
            while (!IsWorkingDay(result));
        }

        return result;
    }

    /// <summary>
    /// The local date at <paramref name="instant"/>: what "today" means for a date a caseworker
    /// writes, which in Sweden begins an hour or two before the UTC date does.
    /// </summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The UTC instant at which office hours end on <paramref name="date"/> in the calendar's
    /// time zone: this is what "by the end of the working day" means for every deadline.
    /// </summary>
    public DateTimeOffset EndOfWorkingDay(DateOnly date) => ToUtc(date.ToDateTime(officeHoursEnd));

    /// <summary>The UTC instant at which <paramref name="date"/> begins in the calendar's time zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// When the protective assessment of a concern raised at <paramref name="raisedAt"/> is due:
    /// the end of the same working day, or, when the concern arrives at or after the end of
    /// office hours or on a day that is not a working day, the end of the next working day.
    /// </summary>
    public DateTimeOffset ProtectiveAssessmentDeadline(DateTimeOffset raisedAt)
    {
        var local = TimeZoneInfo.ConvertTime(raisedAt, zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        var arrivedInTime = IsWorkingDay(date) && TimeOnly.FromDateTime(local) < officeHoursEnd;
        return EndOfWorkingDay(arrivedInTime ? date : NextWorkingDay(date));
    }

    /// <summary>
    /// A deadline of <paramref name="days"/> working days: the end of office hours on the
    /// <paramref name="days"/>th working day after the local date of <paramref name="from"/>.
    /// </summary>
    public DateTimeOffset DeadlineInWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return EndOfWorkingDay(AddWorkingDays(LocalDate(from), days));
    }

    /// <summary>
    /// A statutory time limit counted by the calendar from the local date of
    /// <paramref name="from"/>. When its last day is a Saturday, Sunday, public holiday,
    /// Midsummer Eve, Christmas Eve or New Year's Eve it moves to the next such day that is
    /// none of these (lag 1930:173), unless
    /// <see cref="WorkingDayCalendarOptions.MoveCalendarDeadlinesToNextWorkingDay"/> is off.
    /// Extra closed dates do not move it. The deadline falls due when office hours end.
    /// </summary>
    public DateTimeOffset CalendarDeadline(DateTimeOffset from, CalendarPeriod period) => EndOfWorkingDay(CalendarLastDay(from, period));

    /// <summary>
    /// A time limit for something to reach the authority (a licensee's reply to a kommunicering,
    /// an appeal): counted as <see cref="CalendarDeadline"/>, but it ends when its last day ends in
    /// Stockholm, not when office hours end, since what arrives on the last day is in time
    /// (förvaltningslagen 30 §: a document has arrived on the day it reached the authority).
    /// </summary>
    public DateTimeOffset ArrivalDeadline(DateTimeOffset from, CalendarPeriod period) => StartOfDay(CalendarLastDay(from, period).AddDays(1));

    private DateOnly CalendarLastDay(DateTimeOffset from, CalendarPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var last = period.EndFrom(LocalDate(from));
        while (moveCalendarDeadlines && IsStatutoryDayOff(last))
        {
            last = last.AddDays(1);
        }

        return last;
    }

    private bool IsStatutoryDayOff(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
        || holidaysByYear.GetOrAdd(date.Year, static year => SwedishHolidays.For(year).Select(h => h.Date).ToFrozenSet())
            .Contains(date);

    private DateTimeOffset ToUtc(DateTime local)
    {
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The clocks jumped over this time: count it with the offset in force before the
            // jump, which lands as far after the jump as the time was into the gap.
            offset = zone.GetUtcOffset(new DateTimeOffset(local, TimeSpan.Zero).AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // The hour happens twice: a deadline takes the later of the two.
            offset = zone.GetAmbiguousTimeOffsets(local).Min();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
