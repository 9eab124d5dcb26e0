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
/// growing pause, until it is written; each failure is logged as an error.
/// </summary>
internal sealed partial class ScheduledSendJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledSendJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = ScheduledSend.FromJobData(context.MergedJobDataMap);
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
            await using var scope = scopes.CreateAsyncScope();
            await RecordUnsendableAsync(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>(), scheduled, e, cancellationToken);
            return;
        }

        var attempt = QuartzTimers.AttemptOf(context.Trigger);
        Exception? failure = null;
        try
        {
            await SendAsync(scheduled, message, type, cancellationToken);
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (failure is not null)
        {
            // Quartz does not fire a one-shot trigger again after its job throws: it deletes the
            // trigger and the job, and the deadline would be gone. So the job fires again later, as
            // often as it takes (also when the host stopping cancelled it: then at the next start).
            // The failed attempt's scope, and any transaction it held, is gone by now.
            await RetryLaterAsync(context, scheduled, attempt, failure, cancellationToken);
        }
    }

    /// <summary>Writes the timer's message to the outbox, in a scope and transaction of its own.</summary>
    private async Task SendAsync(ScheduledSend scheduled, object message, Type type, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(scheduled.Destination);
        await endpoint.Send(message, type, send =>
        {
            send.MessageId = scheduled.MessageId;
            send.Headers.Set(MessageHeaders.SchedulingTokenId, scheduled.TokenId.ToString("D"));
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RetryLaterAsync(IJobExecutionContext context, ScheduledSend scheduled, int attempt, Exception error, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow() + QuartzTimers.RetryDelay(attempt);
        try
        {
            await context.Scheduler.ScheduleJob(QuartzTimers.Retry(context.JobDetail.Key, scheduled.TokenId, attempt + 1, at), cancellationToken: CancellationToken.None);
        }
        catch (SchedulerException e)
        {
            // Quartz's own store (the same database) refused the retry too. The timer must not end
            // with this firing: Quartz runs the job again from the same trigger after the pause
            // (or, if the host stops meanwhile, recovers it at the next start).
            LogRetryNotScheduled(logger, scheduled.TokenId, e);
            try
            {
                await Task.Delay(QuartzTimers.RetryDelay(attempt), clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the job requests recovery, so the next start fires it again.
            }

            throw new JobExecutionException(error) { RefireImmediately = true };
        }

        LogRetry(logger, scheduled.TokenId, attempt, at, error);
    }

    private async Task RecordUnsendableAsync(CoordinationDbContext db, ScheduledSend scheduled, Exception error, CancellationToken cancellationToken)
    {
        var incident = Incident.Open(
            scheduled.Destination.ToString(), scheduled.InstanceId, scheduled.MessageId, null, scheduled.MessageType, "application/json", scheduled.Body,
            error, clock.GetUtcNow(), "A timer came due and its message cannot be built");
        db.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        LogUnsendable(logger, scheduled.TokenId, incident.Id, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TokenId} came due and could not be sent (attempt {Attempt}); it fires again at {RetryAt}.")]
    private static partial void LogRetry(ILogger logger, Guid tokenId, int attempt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Timer {TokenId} could not be sent and its retry could not be stored; Quartz fires it again after the pause.")]
    private static partial void LogRetryNotScheduled(ILogger logger, Guid tokenId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TokenId} came due and its message cannot be built; recorded as incident {IncidentId}.")]
    private static partial void LogUnsendable(ILogger logger, Guid tokenId, Guid incidentId, Exception exception);
}
