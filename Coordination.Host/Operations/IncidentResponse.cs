using Coordination.Workflows.Runtime.Incidents;

namespace Coordination.Host.Operations;

/// <summary>An incident as the API lists it; the stored message body stays on the server.</summary>
internal sealed record IncidentResponse(
    Guid Id, string Status, string Endpoint, Guid? InstanceId, Guid? MessageId, string MessageType,
    string ExceptionType, string ExceptionMessage, DateTimeOffset OccurredAt, DateTimeOffset? RetriedAt, DateTimeOffset? ResolvedAt)
{
    public static IncidentResponse From(Incident incident) => new(
        incident.Id, incident.Status.ToString(), incident.Endpoint, incident.InstanceId, incident.MessageId, incident.MessageType,
        incident.ExceptionType, incident.ExceptionMessage, incident.OccurredAt, incident.RetriedAt, incident.ResolvedAt);
}
