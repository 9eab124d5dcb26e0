using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// MassTransit's scheduling (<c>Schedule</c>/<c>Unschedule</c> in state machines) on Quartz's
/// persistent store. While a message is consumed the job is written through the consumer's
/// own database transaction, so a timer exists exactly when the state change that set it was
/// committed — and a cancelled timer is gone exactly when the answer that cancelled it is.
/// </summary>
internal sealed class QuartzScheduleMessageProvider(IServiceProvider services) : IScheduleMessageProvider
{
    public const string TriggerGroup = "scheduled-sends";

    /// <summary>
    /// A timer that came due while the host was down fires late, never not at all: Quartz
    /// treats triggers older than this as misfired, and a misfired reminder is a missed deadline.
    /// </summary>
    private static readonly TimeSpan MisfireThreshold = TimeSpan.FromDays(3650);

    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destinationAddress);
        ArgumentNullException.ThrowIfNull(message);
        var tokenId = ScheduleTokenIdCache<T>.GetTokenId(message, NewId.NextGuid());
        var scheduled = ScheduledSend.Create(destinationAddress, message, typeof(T), tokenId);
        var job = JobBuilder.Create<ScheduledSendJob>()
            .WithIdentity(ScheduledSend.JobKeyFor(tokenId))
            .UsingJobData(scheduled.ToJobData())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(tokenId.ToString("N"), TriggerGroup)
            .ForJob(job)
            .StartAt(new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc)))
            .WithMisfireThreshold(MisfireThreshold)
            .Build();

        await InTransactionAsync(scheduler => scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken), cancellationToken);
        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) =>
        InTransactionAsync(async scheduler => await scheduler.DeleteJob(ScheduledSend.JobKeyFor(tokenId), cancellationToken), cancellationToken);

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);

    private async Task InTransactionAsync(Func<IScheduler, ValueTask> work, CancellationToken cancellationToken)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        var db = services.GetService<CoordinationDbContext>();
        if (db?.Database.CurrentTransaction is { } transaction)
        {
            // Quartz joins the consumer's transaction: one commit for the state and its timers.
            using (scheduler.EnlistTransaction(transaction.GetDbTransaction()))
            {
                await work(scheduler);
            }

            return;
        }

        await work(scheduler);
    }
}
