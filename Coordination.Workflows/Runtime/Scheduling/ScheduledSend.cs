using System.Globalization;
using System.Text.Json;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// What a Quartz job must remember to send a scheduled message later: where, what, and the
/// token the state machine keeps to recognise its current timer (a stale one is ignored).
/// </summary>
internal sealed record ScheduledSend(Uri Destination, string MessageType, string Body, Guid TokenId, Guid MessageId)
{
    public const string JobGroup = WorkflowTimerJobs.Group;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JobKey JobKeyFor(Guid tokenId) => new(tokenId.ToString("N"), JobGroup);

    public static ScheduledSend Create(Uri destination, object message, Type messageType, Guid tokenId) =>
        new(destination, messageType.AssemblyQualifiedName!, JsonSerializer.Serialize(message, messageType, Json), tokenId, Guid.NewGuid());

    public JobDataMap ToJobData() => new()
    {
        ["destination"] = Destination.ToString(),
        ["messageType"] = MessageType,
        ["body"] = Body,
        ["tokenId"] = TokenId.ToString("N"),
        ["messageId"] = MessageId.ToString("N"),
    };

    public static ScheduledSend FromJobData(JobDataMap data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ScheduledSend(
            new Uri(data.GetString("destination")!),
            data.GetString("messageType")!,
            data.GetString("body")!,
            Guid.ParseExact(data.GetString("tokenId")!, "N"),
            Guid.ParseExact(data.GetString("messageId")!, "N"));
    }

    /// <summary>The message, as the type it was scheduled as.</summary>
    public (object Message, Type Type) Deserialize()
    {
        var type = Type.GetType(MessageType, throwOnError: false)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Scheduled message type {MessageType} is not known to this build."));
        return (JsonSerializer.Deserialize(Body, type, Json)!, type);
    }
}
