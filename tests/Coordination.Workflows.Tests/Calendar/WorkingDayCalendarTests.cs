using System.Globalization;
using Coordination.Workflows.Calendar;

namespace Coordination.Workflows.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    private readonly WorkingDayCalendar calendar = new(new WorkingDayCalendarOptions());

    [Fact]
    public void Midsummer_eve_is_not_a_working_day()
    {
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 6, 19)));
    }

    [Theory]
    [InlineData("2025-12-24")]
    [InlineData("2025-12-31")]
    [InlineData("2026-01-06")]
    [InlineData("2026-05-14")]
    public void Eves_and_weekday_holidays_are_not_working_days(string date)
    {
        Assert.False(calendar.IsWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2026-06-13")]
    [InlineData("2026-06-14")]
    public void Weekends_are_not_working_days(string date)
    {
        Assert.False(calendar.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void The_day_after_ascension_day_is_a_working_day_unless_the_municipality_closes()
    {
        var closing = new WorkingDayCalendar(new WorkingDayCalendarOptions { ExtraClosedDates = [new DateOnly(2026, 5, 15)] });

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 5, 15)));
        Assert.False(closing.IsWorkingDay(new DateOnly(2026, 5, 15)));
    }

    [Theory]
    [InlineData("2026-06-17", "2026-06-18")]
    [InlineData("2026-06-18", "2026-06-22")]
    [InlineData("2026-06-20", "2026-06-22")]
    public void Next_working_day_is_strictly_after_the_given_day(string date, string expected)
    {
        Assert.Equal(Day(expected), calendar.NextWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2026-06-17", 1, "2026-06-18")]
    [InlineData("2026-06-18", 1, "2026-06-22")]
    [InlineData("2026-04-02", 1, "2026-04-07")]
    [InlineData("2026-12-23", 1, "2026-12-28")]
    [InlineData("2026-12-23", 3, "2026-12-30")]
    [InlineData("2026-12-30", 1, "2027-01-04")]
    [InlineData("2026-06-10", 10, "2026-06-25")]
    [InlineData("2026-06-20", 1, "2026-06-22")]
    [InlineData("2026-06-22", -1, "2026-06-18")]
    [InlineData("2026-06-20", 0, "2026-06-20")]
    public void Adding_working_days_skips_weekends_and_holidays(string date, int days, string expected)
    {
        Assert.Equal(Day(expected), calendar.AddWorkingDays(Day(date), days));
    }

    [Fact]
    public void The_working_day_ends_at_four_in_stockholm_in_winter_and_in_summer()
    {
        var winter = calendar.EndOfWorkingDay(new DateOnly(2026, 1, 15));
        var summer = calendar.EndOfWorkingDay(new DateOnly(2026, 6, 22));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 15, 0, 0, TimeSpan.Zero), winter);
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 14, 0, 0, TimeSpan.Zero), summer);
        Assert.Equal(TimeSpan.Zero, summer.Offset);
    }

    [Fact]
    public void Concern_raised_after_office_hours_on_the_thursday_before_midsummer_is_due_the_following_monday()
    {
        var raised = new DateTimeOffset(2026, 6, 18, 16, 30, 0, Cest);

        var due = calendar.ProtectiveAssessmentDeadline(raised);

        Assert.Equal(new DateTimeOffset(2026, 6, 22, 16, 0, 0, Cest), due);
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Concern_raised_during_office_hours_is_due_the_same_day()
    {
        var due = calendar.ProtectiveAssessmentDeadline(new DateTimeOffset(2026, 6, 17, 9, 15, 0, Cest));

        Assert.Equal(new DateTimeOffset(2026, 6, 17, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Concern_raised_as_office_hours_end_is_due_the_next_working_day()
    {
        var due = calendar.ProtectiveAssessmentDeadline(new DateTimeOffset(2026, 6, 17, 16, 0, 0, Cest));

        Assert.Equal(new DateTimeOffset(2026, 6, 18, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Concern_raised_on_the_weekend_before_summer_time_ends_is_due_on_monday_in_winter_time()
    {
        var due = calendar.ProtectiveAssessmentDeadline(new DateTimeOffset(2026, 10, 24, 11, 0, 0, Cest));

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Concern_raised_just_after_midnight_in_stockholm_counts_on_the_stockholm_date()
    {
        // 23:30 UTC on Wednesday is 00:30 on Thursday in Stockholm.
        var due = calendar.ProtectiveAssessmentDeadline(new DateTimeOffset(2026, 1, 14, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Office_hours_end_is_a_setting()
    {
        var early = new WorkingDayCalendar(new WorkingDayCalendarOptions { OfficeHoursEnd = new TimeOnly(15, 0) });

        var due = early.ProtectiveAssessmentDeadline(new DateTimeOffset(2026, 6, 17, 15, 30, 0, Cest));

        Assert.Equal(new DateTimeOffset(2026, 6, 18, 13, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Office_hours_ending_in_an_hour_the_clocks_skip_or_repeat_end_as_late_as_the_clock_allows()
    {
        var night = new WorkingDayCalendar(new WorkingDayCalendarOptions { OfficeHoursEnd = new TimeOnly(2, 30) });

        // 02:30 never happens on 29 March 2026 and happens twice on 25 October 2026.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), night.EndOfWorkingDay(new DateOnly(2026, 3, 29)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), night.EndOfWorkingDay(new DateOnly(2026, 10, 25)));
    }

    [Fact]
    public void Working_day_deadline_across_the_start_of_summer_time_ends_at_four_summer_time()
    {
        var due = calendar.DeadlineInWorkingDays(new DateTimeOffset(2026, 3, 27, 10, 0, 0, Cet), 1);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Working_day_deadline_across_the_end_of_summer_time_ends_at_four_winter_time()
    {
        var due = calendar.DeadlineInWorkingDays(new DateTimeOffset(2026, 10, 23, 10, 0, 0, Cest), 1);

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Protocol_due_in_ten_working_days_skips_midsummer_eve()
    {
        var due = calendar.DeadlineInWorkingDays(new DateTimeOffset(2026, 6, 10, 21, 0, 0, Cest), 10);

        Assert.Equal(new DateTimeOffset(2026, 6, 25, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void A_deadline_of_no_working_days_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.DeadlineInWorkingDays(DateTimeOffset.UnixEpoch, 0));
    }

    [Fact]
    public void Fourteen_days_ending_on_christmas_eve_move_past_christmas_and_the_weekend()
    {
        var due = calendar.CalendarDeadline(new DateTimeOffset(2026, 12, 10, 10, 0, 0, Cet), CalendarPeriod.OfDays(14));

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Four_months_from_the_last_of_october_end_on_the_last_of_february_moved_past_the_sunday()
    {
        // 28 February 2027 is a Sunday.
        var due = calendar.CalendarDeadline(new DateTimeOffset(2026, 10, 31, 10, 0, 0, Cet), CalendarPeriod.OfMonths(4));

        Assert.Equal(new DateTimeOffset(2027, 3, 1, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Four_months_from_the_last_of_october_end_on_the_leap_day_in_a_leap_year()
    {
        var due = calendar.CalendarDeadline(new DateTimeOffset(2027, 10, 31, 10, 0, 0, Cet), CalendarPeriod.OfMonths(4));

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Three_weeks_ending_on_midsummer_eve_move_to_the_monday()
    {
        var due = calendar.CalendarDeadline(new DateTimeOffset(2026, 5, 29, 10, 0, 0, Cest), CalendarPeriod.OfWeeks(3));

        Assert.Equal(new DateTimeOffset(2026, 6, 22, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Fourteen_days_across_the_start_of_summer_time_ending_on_good_friday_move_past_easter()
    {
        var due = calendar.CalendarDeadline(new DateTimeOffset(2026, 3, 20, 10, 0, 0, Cet), CalendarPeriod.OfDays(14));

        Assert.Equal(new DateTimeOffset(2026, 4, 7, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Calendar_days_are_counted_from_the_stockholm_date()
    {
        // 23:30 UTC on 9 December is already 10 December in Stockholm.
        var due = calendar.CalendarDeadline(new DateTimeOffset(2026, 12, 9, 23, 30, 0, TimeSpan.Zero), CalendarPeriod.OfDays(14));

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Calendar_deadlines_stay_on_a_holiday_when_the_setting_is_off()
    {
        var unmoved = new WorkingDayCalendar(new WorkingDayCalendarOptions { MoveCalendarDeadlinesToNextWorkingDay = false });

        var due = unmoved.CalendarDeadline(new DateTimeOffset(2026, 12, 10, 10, 0, 0, Cet), CalendarPeriod.OfDays(14));

        Assert.Equal(new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void A_local_closing_day_does_not_move_a_statutory_deadline()
    {
        var closing = new WorkingDayCalendar(new WorkingDayCalendarOptions { ExtraClosedDates = [new DateOnly(2026, 5, 15)] });

        var due = closing.CalendarDeadline(new DateTimeOffset(2026, 5, 1, 10, 0, 0, Cest), CalendarPeriod.OfDays(14));

        Assert.Equal(new DateTimeOffset(2026, 5, 15, 14, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void The_time_zone_is_a_setting()
    {
        var helsinki = new WorkingDayCalendar(new WorkingDayCalendarOptions { TimeZoneId = "Europe/Helsinki" });

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 14, 0, 0, TimeSpan.Zero), helsinki.EndOfWorkingDay(new DateOnly(2026, 1, 15)));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new WorkingDayCalendar(new WorkingDayCalendarOptions { TimeZoneId = "Europe/Atlantis" }));

        Assert.Contains("WorkingDayCalendarOptions.TimeZoneId", error.Message, StringComparison.Ordinal);
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
