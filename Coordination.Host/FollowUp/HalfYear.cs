using System.Globalization;

namespace Coordination.Host.FollowUp;

/// <summary>January–June (1) or July–December (2) of a year, in Stockholm time.</summary>
public sealed record HalfYear(int Year, int Half)
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public DateOnly FromDate => new(Year, Half == 1 ? 1 : 7, 1);

    public DateTimeOffset From => Start(FromDate);

    public DateTimeOffset To => Start(FromDate.AddMonths(6));

    public static HalfYear Containing(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Stockholm);
        return new HalfYear(local.Year, local.Month <= 6 ? 1 : 2);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-H{Half}");

    private static DateTimeOffset Start(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Stockholm.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
