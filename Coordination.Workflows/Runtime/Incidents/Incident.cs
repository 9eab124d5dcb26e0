using MassTransit;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>
/// A message that failed after every retry and went to the error queue, with what an operator
/// needs to understand it and to send it again: the serialized envelope and where it came in.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    /// <summary>The receive endpoint's address, where a retry sends the message again.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The workflow instance whose event failed, or the message's CorrelationId.</summary>
    public Guid? InstanceId { get; set; }

    public Guid? MessageId { get; set; }

    public Guid? ConversationId { get; set; }

    /// <summary>The message's type URNs, separated by ';'.</summary>
    public required string MessageType { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The envelope as received; MassTransit's envelope carries the send headers too.</summary>
    public required string Body { get; set; }

    public required string ExceptionType { get; set; }

    public required string ExceptionMessage { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public IncidentStatus Status { get; set; }

    public DateTimeOffset? RetriedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>
    /// An open incident for a message that failed with <paramref name="error"/>: where it was
    /// going and what it was, so an operator can read it and send it again. <paramref name="why"/>,
    /// when given, says what could not be done before the exception's own message.
    /// </summary>
    public static Incident Open(
        string endpoint, Guid? instanceId, Guid? messageId, Guid? conversationId, string messageType, string contentType, string body,
        Exception error, DateTimeOffset at, string? why = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Incident
        {
            Id = NewId.NextGuid(),
            Endpoint = endpoint,
            InstanceId = instanceId,
            MessageId = messageId,
            ConversationId = conversationId,
            MessageType = messageType,
            ContentType = contentType,
            Body = body,
            ExceptionType = error.GetType().FullName ?? error.GetType().Name,
            ExceptionMessage = why is null ? error.Message : $"{why}: {error.Message}",
            OccurredAt = at,
            Status = IncidentStatus.Open,
        };
    }
}
