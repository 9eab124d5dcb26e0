namespace Coordination.Host.Configuration;

/// <summary>Small checked readers that turn a bad value into an <see cref="InvalidSettingException"/>.</summary>
internal static class SettingReader
{
    public static T Enum<T>(IConfigurationSection section, string key, T? fallback = null)
        where T : struct, System.Enum
    {
        var path = $"{section.Path}:{key}";
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback ?? throw new InvalidSettingException(path, $"required; one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        }

        return Workflows.EnumNames.Find<T>(raw.Trim())
            ?? throw new InvalidSettingException(path, $"'{raw}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
    }

    public static string Required(IConfigurationSection section, string key)
    {
        var raw = section[key];
        return string.IsNullOrWhiteSpace(raw)
            ? throw new InvalidSettingException($"{section.Path}:{key}", "required.")
            : raw;
    }

    public static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidSettingException($"{section.Path}:{key}", $"'{raw}' is not a whole number from {min} to {max}.");
    }

    public static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidSettingException($"{section.Path}:{key}", $"'{raw}' is not a positive duration such as 00:05:00.");
    }

    public static TBuilder ConnectionString<TBuilder>(Func<TBuilder> parse, string path)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new InvalidSettingException(path, $"not a valid connection string ({e.Message})");
        }
    }
}
