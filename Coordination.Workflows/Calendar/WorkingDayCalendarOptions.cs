namespace Coordination.Workflows.Calendar;

/// <summary>
/// The settings of the working-day calendar: municipalities differ in office hours and in
/// local closing days, so none of these are constants in code.
/// </summary>
public sealed class WorkingDayCalendarOptions
{
    /// <summary>
    /// The IANA time zone whose dates and office hours deadlines are counted in; times are
    /// kept in UTC and only converted here.
    /// </summary>
    public string TimeZoneId { get; set; } = "Europe/Stockholm";

    /// <summary>
    /// Local time at which a working day ends. A deadline "by the end of the day" falls due at
    /// this time, and a concern raised at or after it counts as arriving late.
    /// </summary>
    public TimeOnly OfficeHoursEnd { get; set; } = new(16, 0);

    /// <summary>
    /// Whether a deadline counted in calendar days, weeks or months that ends on a weekend,
    /// public holiday, Midsummer Eve, Christmas Eve or New Year's Eve moves to the next
    /// working day, as lag (1930:173) om beräkning av lagstadgad tid prescribes.
    /// </summary>
    public bool MoveCalendarDeadlinesToNextWorkingDay { get; set; } = true;

    /// <summary>
    /// Local closing days of the municipality (e.g. a bridge day after Ascension Day). They are
    /// skipped when counting working days, but do not move statutory calendar deadlines,
    /// which the law ties to weekends and holidays only.
    /// </summary>
    public IReadOnlyList<DateOnly> ExtraClosedDates { get; set; } = [];
}
