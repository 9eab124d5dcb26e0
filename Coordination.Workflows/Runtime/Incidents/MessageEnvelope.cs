using System.Text.Json;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>
/// What an incident needs from MassTransit's JSON envelope, read from the body as received:
/// the error pipe sees the receive context, not the deserialized message.
/// </summary>
internal sealed record MessageEnvelope(string MessageType, Guid? ConversationId, Guid? CorrelationId)
{
    private static readonly MessageEnvelope Unknown = new(string.Empty, null, null);

    public static MessageEnvelope Read(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Unknown;
            }

            var types = root.TryGetProperty("messageType", out var t) && t.ValueKind == JsonValueKind.Array
                ? string.Join(';', t.EnumerateArray().Select(e => e.GetString()))
                : string.Empty;
            return new MessageEnvelope(types, GuidOf(root, "conversationId"), GuidOf(root, "correlationId"));
        }
        catch (JsonException)
        {
            return Unknown;
        }
    }

    private static Guid? GuidOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;
}
