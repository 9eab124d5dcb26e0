using System.Globalization;

namespace Coordination.Host.Concerns;

/// <summary>Collects field errors of one request so that all are reported at once.</summary>
internal sealed class ValidationErrors
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Any => Errors.Count > 0;

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Required text of at most <paramref name="maxLength"/> characters, trimmed; null when invalid.</summary>
    public string? Text(string field, string? value, int maxLength, string whatItIs)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{whatItIs} is required.");
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, string.Create(CultureInfo.InvariantCulture, $"At most {maxLength} characters."));
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// An optional query parameter, given at most once: empty counts as not given, and given
    /// twice it is an error rather than two values joined by a comma.
    /// </summary>
    public string? Once(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query[name];
        if (values.Count > 1)
        {
            Add(name, "Give it once.");
            return null;
        }

        return string.IsNullOrWhiteSpace(values.ToString()) ? null : values.ToString();
    }

    /// <summary>An enum value by its name (numbers are refused); null when invalid.</summary>
    public T? Name<T>(string field, string? value)
        where T : struct, Enum
    {
        if (Workflows.EnumNames.Find<T>(value?.Trim()) is { } parsed)
        {
            return parsed;
        }

        Add(field, $"'{value}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    /// <summary>A date written YYYY-MM-DD; null when invalid.</summary>
    public DateOnly? Date(string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(field, "A date is written YYYY-MM-DD.");
        return null;
    }

    /// <summary>A date written YYYY-MM-DD, or nothing; null when absent or invalid.</summary>
    public DateOnly? OptionalDate(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Date(field, value.Trim());
}
