using System.Globalization;
using Coordination.Host.WebUi;

namespace Coordination.Host.Concerns;

/// <summary>
/// How far ahead a date of a concern may lie: a consent's last valid day and a plan action's date
/// are within the <see cref="PlanningHorizon"/>, seen from the municipality's local date, as
/// inspection rounds are (RoundDates): the consent's end at the start of the day after, and a
/// task's escalation up to 60 days after its due time (routing rules), are then always instants.
/// </summary>
internal static class CaseDates
{
    /// <summary>Whether <paramref name="date"/> lies within the window, with an error naming <paramref name="field"/> when not.</summary>
    public static bool NotTooFarAhead(ValidationErrors errors, string field, DateOnly date, DateOnly today)
    {
        var latest = PlanningHorizon.Latest(today);
        if (date <= latest)
        {
            return true;
        }

        errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"A date no later than {latest:yyyy-MM-dd} (31 December of the fifth year after the current one)."));
        return false;
    }
}
