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

    private static Sharing.SharingOffer ParseOffer(string pair) =>
        new(Guid.ParseExact(pair.AsSpan(0, 32), "N"), Guid.ParseExact(pair.AsSpan(33), "N"));

    public static ValueComparer<List<T>> Comparer<T>()
        where T : notnull =>
        new((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, v) => HashCode.Combine(hash, v.GetHashCode())), list => list.ToList());
}
