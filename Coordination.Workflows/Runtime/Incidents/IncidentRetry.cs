using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Outbox;
using MassTransit;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>
/// Sends an incident's message again, as received, to the endpoint where it failed: through the
/// outbox, in the transaction that marks the incident retried, so neither happens alone.
/// </summary>
public sealed class IncidentRetry(CoordinationDbContext db, TimeProvider clock, OutboxRelaySignal relay)
{
    public async Task<IncidentRetryResult> RetryAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        if (await db.Set<Incident>().FindAsync([incidentId], cancellationToken) is not { } incident)
        {
            return IncidentRetryResult.NotFound;
        }

        if (incident.Status != IncidentStatus.Open)
        {
            return IncidentRetryResult.NotOpen;
        }

        var now = clock.GetUtcNow();
        incident.Status = IncidentStatus.Retried;
        incident.RetriedAt = now;

        // The same message id: the failed attempt rolled back, so the inbox has not seen it.
        db.Add(new OutboxMessage
        {
            MessageId = incident.MessageId ?? NewId.NextGuid(),
            ConversationId = incident.ConversationId,
            DestinationAddress = incident.Endpoint,
            ContentType = incident.ContentType,
            MessageType = incident.MessageType,
            Body = incident.Body,
            SentTime = now,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        relay.Notify();
        return IncidentRetryResult.Retried;
    }
}
