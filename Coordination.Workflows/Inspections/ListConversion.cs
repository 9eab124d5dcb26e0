using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections;

/// <summary>
/// Stores a short list as one text column, one value a line: the same column on SQLite and
/// PostgreSQL, which would otherwise disagree (JSON text against arrays).
/// </summary>
internal static class ListConversion
{
    public static PropertyBuilder<List<T>> HasListConversion<T>(this PropertyBuilder<List<T>> property, int maxLength)
    {
        property.HasConversion(
            list => string.Join('\n', list.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))),
            text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse<T>).ToList(),
            new ValueComparer<List<T>>(
                (a, b) => a != null && b != null && a.SequenceEqual(b),
                list => list.Aggregate(0, (hash, v) => HashCode.Combine(hash, v)),
                list => list.ToList()));
        property.HasMaxLength(maxLength);
        return property;
    }

    private static T Parse<T>(string text) =>
        typeof(T).IsEnum ? (T)Enum.Parse(typeof(T), text)
        : typeof(T) == typeof(Guid) ? (T)(object)Guid.Parse(text)
        : (T)(object)text;
}
