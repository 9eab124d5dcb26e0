using System.Globalization;
using Coordination.Workflows.Calendar;

namespace Coordination.Workflows.Tests.Calendar;

public sealed class SwedishHolidaysTests
{
    // The published Swedish holiday dates, written out by hand from the almanac.
    public static TheoryData<int, string[]> PublishedHolidays => new()
    {
        {
            2024,
            [
                "2024-01-01 New Year's Day", "2024-01-06 Epiphany", "2024-03-29 Good Friday",
                "2024-03-31 Easter Sunday", "2024-04-01 Easter Monday", "2024-05-01 May Day",
                "2024-05-09 Ascension Day", "2024-05-19 Whitsunday", "2024-06-06 National Day",
                "2024-06-21 Midsummer Eve", "2024-06-22 Midsummer Day", "2024-11-02 All Saints' Day",
                "2024-12-24 Christmas Eve", "2024-12-25 Christmas Day", "2024-12-26 Boxing Day",
                "2024-12-31 New Year's Eve",
            ]
        },
        {
            2025,
            [
                "2025-01-01 New Year's Day", "2025-01-06 Epiphany", "2025-04-18 Good Friday",
                "2025-04-20 Easter Sunday", "2025-04-21 Easter Monday", "2025-05-01 May Day",
                "2025-05-29 Ascension Day", "2025-06-06 National Day", "2025-06-08 Whitsunday",
                "2025-06-20 Midsummer Eve", "2025-06-21 Midsummer Day", "2025-11-01 All Saints' Day",
                "2025-12-24 Christmas Eve", "2025-12-25 Christmas Day", "2025-12-26 Boxing Day",
                "2025-12-31 New Year's Eve",
            ]
        },
        {
            2026,
            [
                "2026-01-01 New Year's Day", "2026-01-06 Epiphany", "2026-04-03 Good Friday",
                "2026-04-05 Easter Sunday", "2026-04-06 Easter Monday", "2026-05-01 May Day",
                "2026-05-14 Ascension Day", "2026-05-24 Whitsunday", "2026-06-06 National Day",
                "2026-06-19 Midsummer Eve", "2026-06-20 Midsummer Day", "2026-10-31 All Saints' Day",
                "2026-12-24 Christmas Eve", "2026-12-25 Christmas Day", "2026-12-26 Boxing Day",
                "2026-12-31 New Year's Eve",
            ]
        },
        {
            2027,
            [
                "2027-01-01 New Year's Day", "2027-01-06 Epiphany", "2027-03-26 Good Friday",
                "2027-03-28 Easter Sunday", "2027-03-29 Easter Monday", "2027-05-01 May Day",
                "2027-05-06 Ascension Day", "2027-05-16 Whitsunday", "2027-06-06 National Day",
                "2027-06-25 Midsummer Eve", "2027-06-26 Midsummer Day", "2027-11-06 All Saints' Day",
                "2027-12-24 Christmas Eve", "2027-12-25 Christmas Day", "2027-12-26 Boxing Day",
                "2027-12-31 New Year's Eve",
            ]
        },
        {
            2028,
            [
                "2028-01-01 New Year's Day", "2028-01-06 Epiphany", "2028-04-14 Good Friday",
                "2028-04-16 Easter Sunday", "2028-04-17 Easter Monday", "2028-05-01 May Day",
                "2028-05-25 Ascension Day", "2028-06-04 Whitsunday", "2028-06-06 National Day",
                "2028-06-23 Midsummer Eve", "2028-06-24 Midsummer Day", "2028-11-04 All Saints' Day",
                "2028-12-24 Christmas Eve", "2028-12-25 Christmas Day", "2028-12-26 Boxing Day",
                "2028-12-31 New Year's Eve",
            ]
        },
        {
            2029,
            [
                "2029-01-01 New Year's Day", "2029-01-06 Epiphany", "2029-03-30 Good Friday",
                "2029-04-01 Easter Sunday", "2029-04-02 Easter Monday", "2029-05-01 May Day",
                "2029-05-10 Ascension Day", "2029-05-20 Whitsunday", "2029-06-06 National Day",
                "2029-06-22 Midsummer Eve", "2029-06-23 Midsummer Day", "2029-11-03 All Saints' Day",
                "2029-12-24 Christmas Eve", "2029-12-25 Christmas Day", "2029-12-26 Boxing Day",
                "2029-12-31 New Year's Eve",
            ]
        },
        {
            2030,
            [
                "2030-01-01 New Year's Day", "2030-01-06 Epiphany", "2030-04-19 Good Friday",
                "2030-04-21 Easter Sunday", "2030-04-22 Easter Monday", "2030-05-01 May Day",
                "2030-05-30 Ascension Day", "2030-06-06 National Day", "2030-06-09 Whitsunday",
                "2030-06-21 Midsummer Eve", "2030-06-22 Midsummer Day", "2030-11-02 All Saints' Day",
                "2030-12-24 Christmas Eve", "2030-12-25 Christmas Day", "2030-12-26 Boxing Day",
                "2030-12-31 New Year's Eve",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(PublishedHolidays))]
    public void Holidays_of_a_year_are_the_published_ones_in_date_order(int year, string[] expected)
    {
        var actual = SwedishHolidays.For(year)
            .Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Date:yyyy-MM-dd} {h.EnglishName}"));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_sunday_is_the_published_date(int year, string expected)
    {
        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture), SwedishHolidays.EasterSunday(year));
    }

    [Fact]
    public void Every_holiday_carries_its_swedish_name()
    {
        var holidays = SwedishHolidays.For(2026);

        Assert.Equal("Midsommarafton", Assert.Single(holidays, h => h.Date == new DateOnly(2026, 6, 19)).SwedishName);
        Assert.Equal("Kristi himmelsfärdsdag", Assert.Single(holidays, h => h.Date == new DateOnly(2026, 5, 14)).SwedishName);
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.SwedishName)));
    }

    [Fact]
    public void Only_the_three_eves_are_holidays_by_practice_rather_than_by_law()
    {
        var byPractice = SwedishHolidays.For(2026).Where(h => !h.IsPublicHoliday).Select(h => h.EnglishName);

        Assert.Equal(["Midsummer Eve", "Christmas Eve", "New Year's Eve"], byPractice);
    }

    [Fact]
    public void Ascension_day_on_the_first_of_may_is_listed_under_both_names()
    {
        // Easter Sunday 2008 was 23 March, so Ascension Day fell on 1 May.
        var firstOfMay = SwedishHolidays.For(2008).Where(h => h.Date == new DateOnly(2008, 5, 1)).Select(h => h.EnglishName);

        Assert.Equal(["May Day", "Ascension Day"], firstOfMay);
    }

    [Fact]
    public void Years_before_the_present_holiday_rules_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SwedishHolidays.For(2004));
    }
}
