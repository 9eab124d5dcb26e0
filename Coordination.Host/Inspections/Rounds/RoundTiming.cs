using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Rounds;

namespace Coordination.Host.Inspections.Rounds;

/// <summary>Reads a round's local date and evening window and turns its start into UTC.</summary>
internal static class RoundTiming
{
    /// <summary>How long before its planned start a round's evening may begin; it ends a day later.</summary>
    public static readonly TimeSpan EveningLeadIn = TimeSpan.FromHours(6);

    public static (DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartsAt)? Read(string? date, string? start, string? end, DateTimeOffset now, ValidationErrors errors)
    {
        var day = RoundDates.Within(errors, "date", errors.Date("date", date), now);
        var from = errors.Time("eveningStart", start);
        var until = errors.Time("eveningEnd", end);
        if (day is null || from is null || until is null)
        {
            return null;
        }

        var local = day.Value.ToDateTime(from.Value);
        var startsAt = StockholmTime.FromLocal(local);
        if (startsAt <= now)
        {
            errors.Add("date", "A round is planned for a coming evening.");
            return null;
        }

        return (day.Value, from.Value, until.Value, startsAt);
    }

    /// <summary>
    /// Whether an instant falls on the round's evening: from six hours before the planned start
    /// to eighteen hours after it, the span the visit form reads its times in. An evening that
    /// began early or ran late is still that evening; a visit of another day is not the round's.
    /// </summary>
    public static bool IsOnTheEvening(InspectionRound round, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(round);
        return instant >= round.StartsAt - EveningLeadIn && instant < round.StartsAt + (TimeSpan.FromDays(1) - EveningLeadIn);
    }
}
