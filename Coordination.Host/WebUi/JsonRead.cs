using System.Globalization;
using System.Text.Json;

namespace Coordination.Host.WebUi;

/// <summary>Reading an API answer (<see cref="ApiOutcome.Body"/>) in a page: missing values read as empty.</summary>
public static class JsonRead
{
    public static string Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => value.GetRawText(),
            }
            : "";

    public static Guid Id(this JsonElement element, string name = "id") =>
        Guid.TryParse(element.Text(name), out var id) ? id : Guid.Empty;

    public static int Number(this JsonElement element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static bool Flag(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static DateTimeOffset? Instant(this JsonElement element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>A time as shown to people: Europe/Stockholm, or a dash.</summary>
    public static string When(this JsonElement element, string name) => StockholmTime.Show(element.Instant(name));

    /// <summary>
    /// The last day of a time limit that ends when a day ends (a reply time, an appeal window; at
    /// midnight in Stockholm): that day's date, not the midnight after it; "–" without one.
    /// </summary>
    public static string LastDay(this JsonElement element, string name) =>
        element.Instant(name) is { } end ? StockholmTime.Show(StockholmTime.LastDay(end)) : StockholmTime.Show((DateTimeOffset?)null);

    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string? name = null)
    {
        var list = name is null ? element : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
    }

    public static IReadOnlyList<string> Texts(this JsonElement element, string name) =>
        element.Items(name).Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : i.GetRawText()).ToList();
}
