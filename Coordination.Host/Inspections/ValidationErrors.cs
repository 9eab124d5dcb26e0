using System.Globalization;
using Coordination.Workflows;

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
        // One name, in any case: Enum.TryParse would also read a number or a comma list of names,
        // OR-ed together into a value nobody asked for.
        if (EnumNames.Find<TEnum>(value?.Trim()) is { } parsed)
        {
            return parsed;
        }

        Add(field, $"'{value}' is not one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>False, with an error naming the limit, when <paramref name="value"/> is longer than its column holds.</summary>
    public bool MaxLength(string field, string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return true;
        }

        Add(field, string.Create(CultureInfo.InvariantCulture, $"At most {maxLength} characters; this is {value.Length}."));
        return false;
    }

    public IResult Problem(string? title = null) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), title: title);
}
