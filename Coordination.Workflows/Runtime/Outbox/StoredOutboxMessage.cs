using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>An outbox row as MassTransit's <see cref="OutboxMessageSendPipe"/> reads it back.</summary>
internal sealed class StoredOutboxMessage : OutboxMessageContext
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>();
    private readonly OutboxMessage row;

    public StoredOutboxMessage(OutboxMessage row)
    {
        this.row = row;
        var json = SystemTextJsonMessageSerializer.Instance;
        Headers = json.DeserializeDictionary<object?>(row.Headers) is { } headers ? new DictionarySendHeaders(headers) : EmptyHeaders.Instance;
        Properties = json.DeserializeDictionary<object>(row.Properties) ?? NoProperties;
    }

    public long SequenceNumber => row.SequenceNumber;

    public Guid MessageId => row.MessageId;

    public string ContentType => row.ContentType;

    public string MessageType => row.MessageType;

    public string Body => row.Body;

    public IReadOnlyDictionary<string, object> Properties { get; }

    public Headers Headers { get; }

    Guid? MessageContext.MessageId => row.MessageId;

    public Guid? RequestId => row.RequestId;

    public Guid? CorrelationId => row.CorrelationId;

    public Guid? ConversationId => row.ConversationId;

    public Guid? InitiatorId => row.InitiatorId;

    public DateTime? ExpirationTime => row.ExpirationTime?.UtcDateTime;

    public Uri? SourceAddress => ToUri(row.SourceAddress);

    public Uri DestinationAddress => new(row.DestinationAddress);

    public Uri? ResponseAddress => ToUri(row.ResponseAddress);

    public Uri? FaultAddress => ToUri(row.FaultAddress);

    public DateTime? SentTime => row.SentTime.UtcDateTime;

    public HostInfo Host => HostMetadataCache.Host;

    private static Uri? ToUri(string? address) => address is null ? null : new Uri(address);
}
