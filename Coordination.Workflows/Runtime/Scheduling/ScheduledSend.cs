using System.Globalization;
using System.Text.Json;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// What a Quartz job must remember to send a scheduled message later: where, what, and the
/// token the state machine keeps to recognise its current timer (a stale one is ignored), and the
/// workflow instance that set it, so an incident about the timer goes to that instance's
/// administrators (null for a timer set outside a state machine, or before it was remembered).
/// </summary>
internal sealed record ScheduledSend(Uri Destination, string MessageType, string Body, Guid TokenId, Guid MessageId, Guid? InstanceId = null)
{
    public const string JobGroup = WorkflowTimerJobs.Group;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JobKey JobKeyFor(Guid tokenId) => new(tokenId.ToString("N"), JobGroup);

    public static ScheduledSend Create(Uri destination, object message, Type messageType, Guid tokenId, Guid? instanceId) =>
        new(destination, messageType.AssemblyQualifiedName!, JsonSerializer.Serialize(message, messageType, Json), tokenId, Guid.NewGuid(), instanceId);

    public JobDataMap ToJobData()
    {
        var data = new JobDataMap
        {
            ["destination"] = Destination.ToString(),
            ["messageType"] = MessageType,
            ["body"] = Body,
            ["tokenId"] = TokenId.ToString("N"),
            ["messageId"] = MessageId.ToString("N"),
        };
        if (InstanceId is { } instance)
        {
            data["instanceId"] = instance.ToString("N");
        }

        return data;
    }

    public static ScheduledSend FromJobData(JobDataMap data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ScheduledSend(
            new Uri(data.GetString("destination")!),
            data.GetString("messageType")!,
            data.GetString("body")!,
            Guid.ParseExact(data.GetString("tokenId")!, "N"),
            Guid.ParseExact(data.GetString("messageId")!, "N"),
            data.TryGetString("instanceId", out var instance) && Guid.TryParseExact(instance, "N", out var id) ? id : null);
    }

    /// <summary>The message, as the type it was scheduled as.</summary>
    public (object Message, Type Type) Deserialize()
    {
        var type = Type.GetType(MessageType, throwOnError: false)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Scheduled message type {MessageType} is not known to this build."));
        return (JsonSerializer.Deserialize(Body, type, Json)!, type);
    }
}
