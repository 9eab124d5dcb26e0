using System.Globalization;

namespace Coordination.Host.WebUi;

/// <summary>Times are kept in UTC and shown in Europe/Stockholm (DOMAIN.md, "Working days").</summary>
internal static class StockholmTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateTimeOffset ToStockholm(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant of a wall-clock time in Stockholm.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();

    /// <summary>The date in Stockholm at <paramref name="instant"/>: "today" for a date a person writes, which begins an hour or two before the UTC date.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToStockholm().DateTime);

    /// <summary>Date and time as people in Sweden write it, in the page's culture.</summary>
    public static string Show(DateTimeOffset instant) =>
        instant.ToStockholm().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Show(DateTimeOffset? instant) => instant is { } i ? Show(i) : "–";

    public static string Show(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The last day of a time limit that ends when a day ends (a reply time, an appeal window: at
    /// midnight in Stockholm), not the midnight after it. A limit of an older case that ended at
    /// office hours' end gives its own day too.
    /// </summary>
    public static DateOnly LastDay(DateTimeOffset end) => Today(end.AddTicks(-1));
}
