using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coordination.Workflows.Concerns.Routing;

/// <summary>
/// Enums in routing rules, as values and as dictionary keys, written by one defined name each.
/// <see cref="JsonStringEnumConverter"/> also reads a list of names ("School, Leisure") as the
/// flags they would combine to, which for these plain enums is another, unrelated member.
/// </summary>
internal sealed class SingleNameEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The host is not trimmed.")]
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert));

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly string[] Names = Enum.GetNames<T>();

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Unreadable(null);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WritePropertyName(value.ToString());
        }

        private static T Parse(string? name) => EnumNames.Find<T>(name) ?? throw Unreadable(name);

        private static JsonException Unreadable(string? name) => new($"'{name}' is not one of: {string.Join(", ", Names)}.");
    }
}
