using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>Captures a message at the moment it is sent, as the row the relay will deliver later.</summary>
internal static class OutboxMessageFactory
{
    public static OutboxMessage Create<T>(
        SendContext<T> context, DateTimeOffset now, Guid? inboxMessageId = null, Guid? inboxConsumerId = null, Guid? workflowInstanceId = null)
        where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "A message written to the outbox needs a MessageId.");
        var destination = context.DestinationAddress ?? throw new MessageException(typeof(T), "A message written to the outbox needs a destination.");
        var json = SystemTextJsonMessageSerializer.Instance;

        string? properties = null;
        if (context is TransportSendContext<T> transport)
        {
            var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(values);
            properties = json.SerializeDictionary(values);
        }

        return new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress?.ToString(),
            DestinationAddress = destination.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(';', context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = json.SerializeDictionary(context.Headers.GetAll()),
            Properties = properties,
            SentTime = context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : now,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
            EnqueueTime = context.Delay is { } delay ? now + delay : null,
            InboxMessageId = inboxMessageId,
            InboxConsumerId = inboxConsumerId,
            WorkflowInstanceId = workflowInstanceId,
            CreatedAt = now,
        };
    }
}
