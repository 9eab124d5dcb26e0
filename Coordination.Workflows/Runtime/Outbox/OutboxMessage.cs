namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// A message sent or published inside a database transaction, kept until the relay has
/// handed it to the broker. The body and headers are stored exactly as serialized, so the
/// relay delivers what the sender produced.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Assigned by the database on insert; the relay delivers in this order.</summary>
    public long SequenceNumber { get; set; }

    public Guid MessageId { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public string? SourceAddress { get; set; }

    public required string DestinationAddress { get; set; }

    public string? ResponseAddress { get; set; }

    public string? FaultAddress { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The message's type URNs, separated by ';'.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>The send headers as a JSON object, or null when there were none.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport-specific properties (routing key and the like) as a JSON object.</summary>
    public string? Properties { get; set; }

    public DateTimeOffset SentTime { get; set; }

    public DateTimeOffset? ExpirationTime { get; set; }

    /// <summary>For a delayed send: the relay holds the message back until this instant.</summary>
    public DateTimeOffset? EnqueueTime { get; set; }

    /// <summary>The consumed message that caused this one, when it was written by a consumer.</summary>
    public Guid? InboxMessageId { get; set; }

    public Guid? InboxConsumerId { get; set; }

    /// <summary>
    /// The saga instance whose transition wrote the row, when one did: the relay keeps each
    /// instance's rows in sequence order and delivers different instances' rows concurrently.
    /// </summary>
    public Guid? WorkflowInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the relay handed the message to the broker; null while it waits.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>
    /// When the relay found that the row cannot be sent as stored (its address, headers or body
    /// cannot be read) and recorded it as an incident instead; the relay no longer tries it.
    /// </summary>
    public DateTimeOffset? SetAsideAt { get; set; }
}
