namespace Coordination.Host.WebUi;

/// <summary>
/// How far ahead a date planned in the service may lie: no later than 31 December of the fifth
/// year after the current one (Stockholm time). Rounds, a consent's last valid day and a plan
/// action's date are weeks, months or a few years ahead; a year such as 9999 is a typo, and at the
/// end of the calendar the instants counted from such a date (an evening in UTC, the day after a
/// consent's last, a task's escalation) do not exist.
/// </summary>
internal static class PlanningHorizon
{
    /// <summary>How many calendar years after the current one a date may lie.</summary>
    public const int YearsAhead = 5;

    /// <summary>The last day a date may be, seen from the local date <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => new(today.Year + YearsAhead, 12, 31);
}
