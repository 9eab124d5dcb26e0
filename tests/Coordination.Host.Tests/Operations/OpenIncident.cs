using Coordination.Workflows.Runtime.Incidents;

namespace Coordination.Host.Tests.Operations;

/// <summary>An open incident as the runtime records one after the last retry, written directly for tests of who may see and retry it.</summary>
internal static class OpenIncident
{
    public static Incident Of(string endpoint, Guid? instanceId, DateTimeOffset occurredAt) => new()
    {
        Id = Guid.NewGuid(),
        Endpoint = endpoint,
        InstanceId = instanceId,
        MessageId = Guid.NewGuid(),
        MessageType = "urn:message:Coordination.Tests:Poison",
        ContentType = "application/vnd.masstransit+json",
        Body = "{}",
        ExceptionType = "System.InvalidOperationException",
        ExceptionMessage = "Simulated.",
        OccurredAt = occurredAt,
        Status = IncidentStatus.Open,
    };
}
