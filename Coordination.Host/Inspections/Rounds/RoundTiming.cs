namespace Coordination.Host.Inspections.Rounds;

/// <summary>Reads a round's local date and evening window and turns its start into UTC.</summary>
internal static class RoundTiming
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static (DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartsAt)? Read(string? date, string? start, string? end, DateTimeOffset now, ValidationErrors errors)
    {
        var day = errors.Date("date", date);
        var from = errors.Time("eveningStart", start);
        var until = errors.Time("eveningEnd", end);
        if (day is null || from is null || until is null)
        {
            return null;
        }

        var local = day.Value.ToDateTime(from.Value);
        var startsAt = new DateTimeOffset(local, Stockholm.GetUtcOffset(local)).ToUniversalTime();
        if (startsAt <= now)
        {
            errors.Add("date", "A round is planned for a coming evening.");
            return null;
        }

        return (day.Value, from.Value, until.Value, startsAt);
    }
}
