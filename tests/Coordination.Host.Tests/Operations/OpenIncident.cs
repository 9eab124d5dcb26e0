using Coordination.Workflows.Runtime.Incidents;

namespace Coordination.Host.Tests.Operations;

/// <summary>
/// An open incident as the runtime records one after the last retry, written directly for tests
/// of who may see and retry it. The endpoint is a full address of the in-memory transport, as the
/// runtime records it: a retry goes through the outbox, whose relay can send only there.
/// </summary>
internal static class OpenIncident
{
    /// <param name="municipalityId">The municipality the failed message names, as a task offer or a concern's start does.</param>
    /// <param name="agencyId">The agency the failed message names, as a task offer does.</param>
    /// <param name="messageType">The failed message's type (a poison message of the tests unless named).</param>
    public static Incident Of(string endpoint, Guid? instanceId, DateTimeOffset occurredAt, Guid? municipalityId = null, Guid? agencyId = null, string messageType = PoisonType)
    {
        var messageId = Guid.NewGuid();
        var message = new Dictionary<string, Guid>();
        if (municipalityId is { } municipality)
        {
            message["municipalityId"] = municipality;
        }

        if (agencyId is { } agency)
        {
            message["agencyId"] = agency;
        }

        return new()
        {
            Id = Guid.NewGuid(),
            Endpoint = endpoint,
            InstanceId = instanceId,
            MessageId = messageId,
            MessageType = messageType,
            ContentType = "application/vnd.masstransit+json",
            Body = System.Text.Json.JsonSerializer.Serialize(new
            {
                messageId,
                destinationAddress = endpoint,
                messageType = new[] { messageType },
                message,
                headers = new { },
                sentTime = occurredAt,
            }),
            ExceptionType = "System.InvalidOperationException",
            ExceptionMessage = "Simulated.",
            OccurredAt = occurredAt,
            Status = IncidentStatus.Open,
        };
    }

    private const string PoisonType = "urn:message:Coordination.Tests:Poison";
}
