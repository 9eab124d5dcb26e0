namespace Coordination.Workflows.Calendar;

/// <summary>
/// The days of a year on which Swedish public offices are closed besides ordinary weekends:
/// the public holidays (allmänna helgdagar) and the eves treated as holidays. Deadlines in
/// working days and statutory time limits (lag 1930:173) both depend on this list.
/// </summary>
public static class SwedishHolidays
{
    /// <summary>
    /// The first year the list is right for: in 2005 National Day became a public holiday and
    /// Whit Monday stopped being one. Earlier years are refused rather than answered wrongly.
    /// </summary>
    public const int FirstYear = 2005;

    /// <summary>The holidays of <paramref name="year"/>, in date order.</summary>
    /// <remarks>
    /// Easter Sunday, Whitsunday, Midsummer Day and All Saints' Day always fall on a weekend
    /// but are listed so that a calendar can show them. In the rare years when Ascension Day
    /// falls on 1 May or Whitsunday on 6 June, both names are listed for that date.
    /// </remarks>
    public static IReadOnlyList<Holiday> For(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var easter = EasterSunday(year);
        var midsummerEve = FirstFridayFrom(new DateOnly(year, 6, 19));
        var allSaints = FirstFridayFrom(new DateOnly(year, 10, 30)).AddDays(1);

        Holiday[] holidays =
        [
            new(new DateOnly(year, 1, 1), "Nyårsdagen", "New Year's Day", true),
            new(new DateOnly(year, 1, 6), "Trettondedag jul", "Epiphany", true),
            new(easter.AddDays(-2), "Långfredagen", "Good Friday", true),
            new(easter, "Påskdagen", "Easter Sunday", true),
            new(easter.AddDays(1), "Annandag påsk", "Easter Monday", true),
            new(new DateOnly(year, 5, 1), "Första maj", "May Day", true),
            new(easter.AddDays(39), "Kristi himmelsfärdsdag", "Ascension Day", true),
            new(easter.AddDays(49), "Pingstdagen", "Whitsunday", true),
            new(new DateOnly(year, 6, 6), "Sveriges nationaldag", "National Day", true),
            new(midsummerEve, "Midsommarafton", "Midsummer Eve", false),
            new(midsummerEve.AddDays(1), "Midsommardagen", "Midsummer Day", true),
            new(allSaints, "Alla helgons dag", "All Saints' Day", true),
            new(new DateOnly(year, 12, 24), "Julafton", "Christmas Eve", false),
            new(new DateOnly(year, 12, 25), "Juldagen", "Christmas Day", true),
            new(new DateOnly(year, 12, 26), "Annandag jul", "Boxing Day", true),
            new(new DateOnly(year, 12, 31), "Nyårsafton", "New Year's Eve", false),
        ];

        // OrderBy is stable, so a date with two holidays keeps the order above.
        return [.. holidays.OrderBy(h => h.Date)];
    }

    /// <summary>Easter Sunday of a Gregorian year, by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    // Midsummer Eve is the Friday of 19–25 June; All Saints' Day the Saturday after the Friday of 30 Oct–5 Nov.
    private static DateOnly FirstFridayFrom(DateOnly date)
    {
        var daysAhead = ((int)DayOfWeek.Friday - (int)date.DayOfWeek + 7) % 7;
        return date.AddDays(daysAhead);
    }
}
