using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coordination.Workflows.Concerns;

/// <summary>A short list of enum names or ids stored as one comma-separated column on every provider.</summary>
internal static class StoredList
{
    public static ValueConverter<List<T>, string> Enums<T>()
        where T : struct, Enum =>
        new(list => string.Join(",", list.Select(v => v.ToString())),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>).ToList());

    public static ValueConverter<List<Guid>, string> Ids() =>
        new(list => string.Join(",", list.Select(v => v.ToString("N"))),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Guid.ParseExact(v, "N")).ToList());

    /// <summary>Offers as <c>agency:task</c> pairs.</summary>
    public static ValueConverter<List<Sharing.SharingOffer>, string> Offers() =>
        new(list => string.Join(",", list.Select(o => o.AgencyId.ToString("N") + ":" + o.TaskId.ToString("N"))),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseOffer).ToList());

    /// <summary>Deadline changes as <c>changedAt&gt;previousDue</c> pairs of UTC instants (ISO 8601), oldest first.</summary>
    public static ValueConverter<List<DeadlineChange>, string> DeadlineChanges() =>
        new(list => string.Join(",", list.Select(c => Instant(c.ChangedAt) + ">" + Instant(c.PreviousDue))),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseDeadlineChange).ToList());

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DeadlineChange ParseDeadlineChange(string pair)
    {
        var at = pair.IndexOf('>', StringComparison.Ordinal);
        return new DeadlineChange(ParseInstant(pair[..at]), ParseInstant(pair[(at + 1)..]));
    }

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static Sharing.SharingOffer ParseOffer(string pair) =>
        new(Guid.ParseExact(pair.AsSpan(0, 32), "N"), Guid.ParseExact(pair.AsSpan(33), "N"));

    public static ValueComparer<List<T>> Comparer<T>()
        where T : notnull =>
        new((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, v) => HashCode.Combine(hash, v.GetHashCode())), list => list.ToList());
}
