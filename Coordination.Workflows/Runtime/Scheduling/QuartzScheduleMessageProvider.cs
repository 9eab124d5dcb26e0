using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Outbox;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// MassTransit's scheduling (<c>Schedule</c>/<c>Unschedule</c> in state machines) on Quartz's
/// persistent store, never losing a timer set by a committed state change:
/// on PostgreSQL the Quartz job is written in the consumer's own transaction; on SQLite, where
/// Quartz's in-process lock cannot safely join it (Quartz warns as much), a timer request goes
/// through the outbox in that transaction and the timer endpoint creates the job right after.
/// Neither setting nor cancelling a timer on PostgreSQL takes Quartz's scheduler-wide
/// <c>TRIGGER_ACCESS</c> lock, which would be held until the consumer commits and so serialise
/// every consumer that touches a timer (ADR 0012); each is one round trip (ADR 0017).
/// </summary>
internal sealed class QuartzScheduleMessageProvider(ConsumeContext context, IServiceProvider services) : IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destinationAddress);
        ArgumentNullException.ThrowIfNull(message);
        var tokenId = ScheduleTokenIdCache<T>.GetTokenId(message, NewId.NextGuid());
        var send = ScheduledSend.Create(destinationAddress, message, typeof(T), tokenId, SchedulingInstance());
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc));

        if (EnlistingContext() is { } db)
        {
            var (job, trigger) = QuartzTimers.Build(send, dueAt);
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);

            // A new job is written in one round trip, without Quartz's scheduler-wide lock; only a
            // token whose job already exists is replaced through Quartz, which takes that lock and
            // holds it until the consumer commits.
            if (!await QuartzTimerRows.TryInsertAsync(db, scheduler.SchedulerName, job, trigger, cancellationToken))
            {
                using (scheduler.EnlistTransaction(db.Database.CurrentTransaction!.GetDbTransaction()))
                {
                    await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
                }
            }
        }
        else
        {
            await SendTimerRequestAsync(new ScheduleTimer(tokenId, send.Destination, send.MessageType, send.Body, send.MessageId, dueAt, send.InstanceId), cancellationToken);
        }

        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public async Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken)
    {
        if (EnlistingContext() is { } db)
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
            await QuartzTimerRows.DeleteAsync(db, scheduler.SchedulerName, ScheduledSend.JobKeyFor(tokenId), cancellationToken);
        }
        else
        {
            await SendTimerRequestAsync(new CancelTimer(tokenId, SchedulingInstance()), cancellationToken);
        }
    }

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);

    /// <summary>The state machine instance whose event is setting the timer (see <see cref="OutboxPartition"/>).</summary>
    private Guid? SchedulingInstance() => services.GetService<OutboxPartition>()?.WorkflowInstanceId;

    /// <summary>The consumer's context when timers can be written in its transaction: PostgreSQL, with a transaction open.</summary>
    private CoordinationDbContext? EnlistingContext()
    {
        var db = services.GetService<CoordinationDbContext>();
        return db is not null && db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null ? db : null;
    }

    private async Task SendTimerRequestAsync<TRequest>(TRequest request, CancellationToken cancellationToken)
        where TRequest : class
    {
        var queue = services.GetRequiredService<IEndpointNameFormatter>().Consumer<TimerRequestsConsumer>();
        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(request, cancellationToken);
    }
}
