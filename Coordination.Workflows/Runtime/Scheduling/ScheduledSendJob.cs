using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using Microsoft.EntityFrameworkCore;
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
/// the same MessageId, and the inbox makes the second harmless. A firing that fails (the database
/// away for a moment, a lock that timed out) fires again later by a retry trigger of its own, with a
/// growing pause, until it is written; after <see cref="IncidentAfterAttempts"/> failures in a row
/// it is also an open incident, resolved when the timer is written at last.
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

        var attempt = QuartzTimers.AttemptOf(context.Trigger);
        try
        {
            var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(scheduled.Destination);
            await endpoint.Send(message, type, send =>
            {
                send.MessageId = scheduled.MessageId;
                send.Headers.Set(MessageHeaders.SchedulingTokenId, scheduled.TokenId.ToString("D"));
            }, cancellationToken);
            if (attempt > IncidentAfterAttempts)
            {
                // Written at last: the incident its failures opened is over, in the same transaction.
                foreach (var incident in await db.Set<Incident>().Where(i => i.MessageId == scheduled.MessageId && i.Status == IncidentStatus.Open).ToListAsync(cancellationToken))
                {
                    incident.Status = IncidentStatus.Resolved;
                    incident.ResolvedAt = clock.GetUtcNow();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // Quartz does not fire a one-shot trigger again after its job throws: it deletes the
            // trigger and the job, and the deadline would be gone. So the job fires again later, as
            // often as it takes (also when the host stopping cancelled it: then at the next start).
            await RetryLaterAsync(context, scheduled, attempt, e);
        }
    }

    /// <summary>After this many failed attempts in a row a timer's failure is an incident for the operators.</summary>
    internal const int IncidentAfterAttempts = 3;

    private async Task RetryLaterAsync(IJobExecutionContext context, ScheduledSend scheduled, int attempt, Exception error)
    {
        var at = clock.GetUtcNow() + QuartzTimers.RetryDelay(attempt);
        await context.Scheduler.ScheduleJob(QuartzTimers.Retry(context.JobDetail.Key, scheduled.TokenId, attempt + 1, at), cancellationToken: CancellationToken.None);
        LogRetry(logger, scheduled.TokenId, attempt, at, error);
        if (attempt != IncidentAfterAttempts)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            db.Add(Incident.Open(
                scheduled.Destination.ToString(), null, scheduled.MessageId, null, scheduled.MessageType, "application/json", scheduled.Body,
                error, clock.GetUtcNow(), $"A timer came due and could not be sent after {attempt} attempts; it is tried again by itself until it is, and this incident is resolved then"));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogIncidentNotRecorded(logger, scheduled.TokenId, e);
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TokenId} came due and could not be sent (attempt {Attempt}); it fires again at {RetryAt}.")]
    private static partial void LogRetry(ILogger logger, Guid tokenId, int attempt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Timer {TokenId} keeps failing and its incident could not be recorded either.")]
    private static partial void LogIncidentNotRecorded(ILogger logger, Guid tokenId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TokenId} came due and its message cannot be built; recorded as incident {IncidentId}.")]
    private static partial void LogUnsendable(ILogger logger, Guid tokenId, Guid incidentId, Exception exception);
}
