using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coordination.Host.Security;

/// <summary>
/// Every string of every JSON request, values and keys alike, is checked once here
/// (<see cref="PlainText"/>): a refused one fails the body's reading, which
/// <see cref="ClientErrorHandler"/> answers with a 400 naming the field.
/// </summary>
internal sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    private static string? Checked(string? text) =>
        text is null || PlainText.IsAllowed(text) ? text : throw new JsonException(PlainText.Refusal);
}
