using System.Globalization;

namespace Coordination.Host.Concerns;

/// <summary>
/// How far ahead a date of a concern may lie: a consent's last valid day and a plan action's date
/// are no later than 31 December of the fifth year after the current one (the municipality's local
/// date), as far as inspection rounds are planned (RoundDates). Both are weeks, months or a few
/// years ahead; a year such as 9999 is a typo, and at the end of the calendar the instants counted
/// from the date do not exist: the consent's end at the start of the day after, a task's escalation
/// up to 60 days after its due time (routing rules).
/// </summary>
internal static class CaseDates
{
    /// <summary>How many calendar years after the current one such a date may lie.</summary>
    public const int YearsAhead = 5;

    public static DateOnly Latest(DateOnly today) => new(today.Year + YearsAhead, 12, 31);

    /// <summary>Whether <paramref name="date"/> lies within the window, with an error naming <paramref name="field"/> when not.</summary>
    public static bool NotTooFarAhead(ValidationErrors errors, string field, DateOnly date, DateOnly today)
    {
        var latest = Latest(today);
        if (date <= latest)
        {
            return true;
        }

        errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"A date no later than {latest:yyyy-MM-dd} (31 December of the fifth year after the current one)."));
        return false;
    }
}
