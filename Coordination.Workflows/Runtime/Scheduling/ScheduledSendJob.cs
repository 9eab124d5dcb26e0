using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Fires a scheduled message: writes it, with the scheduling token so the state machine can tell
/// the current timer from a stale one, to the outbox in a transaction of its own, and the relay
/// delivers it. So a fired timer is committed before Quartz counts the job done: on the in-memory
/// transport a crash just after firing replays it from the outbox instead of losing it with the
/// process, and a broker that is away only delays it. A crash before the commit runs the job again
/// (it requests recovery); a crash after it and before Quartz records completion fires it twice with
/// the same MessageId, and the inbox makes the second harmless.
/// </summary>
internal sealed partial class ScheduledSendJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledSendJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = ScheduledSend.FromJobData(context.MergedJobDataMap);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        object message;
        Type type;
        try
        {
            (message, type) = scheduled.Deserialize();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
        {
            // It can never be sent (its type left the build, or its body no longer reads as that
            // type): a deadline an operator must hear about, not a line in Quartz's log.
            await RecordUnsendableAsync(db, scheduled, e, cancellationToken);
            return;
        }

        var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(scheduled.Destination);
        await endpoint.Send(message, type, send =>
        {
            send.MessageId = scheduled.MessageId;
            send.Headers.Set(MessageHeaders.SchedulingTokenId, scheduled.TokenId.ToString("D"));
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RecordUnsendableAsync(CoordinationDbContext db, ScheduledSend scheduled, Exception error, CancellationToken cancellationToken)
    {
        var incident = Incident.Open(
            scheduled.Destination.ToString(), null, scheduled.MessageId, null, scheduled.MessageType, "application/json", scheduled.Body,
            error, clock.GetUtcNow(), "A timer came due and its message cannot be built");
        db.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        LogUnsendable(logger, scheduled.TokenId, incident.Id, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TokenId} came due and its message cannot be built; recorded as incident {IncidentId}.")]
    private static partial void LogUnsendable(ILogger logger, Guid tokenId, Guid incidentId, Exception exception);
}
