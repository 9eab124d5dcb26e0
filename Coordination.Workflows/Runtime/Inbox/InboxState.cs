namespace Coordination.Workflows.Runtime.Inbox;

/// <summary>
/// Records that a consumer has consumed a message, written in the same transaction as the
/// consumer's effects: a redelivered message with a recorded id is acknowledged, not processed.
/// </summary>
public sealed class InboxState
{
    public Guid MessageId { get; set; }

    /// <summary>Derived by MassTransit from the endpoint name, the consumer type and the message type.</summary>
    public Guid ConsumerId { get; set; }

    public string? ConsumerType { get; set; }

    public DateTimeOffset ConsumedAt { get; set; }
}
