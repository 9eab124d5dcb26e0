using System.Globalization;

namespace Coordination.Host.Inspections;

/// <summary>Collects what is wrong with a request, by field, for one RFC 9457 validation problem.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public string? Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
            return null;
        }

        return value.Trim();
    }

    public TimeOnly? Time(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "A time of day (HH:mm) is required.");
            }

            return null;
        }

        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Add(field, $"'{value}' is not a time of day written HH:mm.");
        return null;
    }

    public DateOnly? Date(string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(field, string.IsNullOrWhiteSpace(value) ? "A date (yyyy-MM-dd) is required." : $"'{value}' is not a date written yyyy-MM-dd.");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string? value)
        where TEnum : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        Add(field, $"'{value}' is not one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    public IResult Problem(string? title = null) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), title: title);
}
