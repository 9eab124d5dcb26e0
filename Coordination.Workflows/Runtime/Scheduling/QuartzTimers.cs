using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>The Quartz job and trigger for one scheduled send.</summary>
internal static class QuartzTimers
{
    public const string TriggerGroup = "scheduled-sends";

    /// <summary>
    /// A timer that came due while the host was down fires late, never not at all: Quartz
    /// treats triggers older than this as misfired, and a misfired reminder is a missed deadline.
    /// </summary>
    private static readonly TimeSpan MisfireThreshold = TimeSpan.FromDays(3650);

    /// <summary>The trigger of the timer with this scheduling token.</summary>
    public static TriggerKey TriggerKeyFor(Guid tokenId) => new(tokenId.ToString("N"), TriggerGroup);

    public static (IJobDetail Job, ITrigger Trigger) Build(ScheduledSend send, DateTimeOffset dueAt)
    {
        var job = JobBuilder.Create<ScheduledSendJob>()
            .WithIdentity(ScheduledSend.JobKeyFor(send.TokenId))
            .UsingJobData(send.ToJobData())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKeyFor(send.TokenId))
            .ForJob(job)
            .StartAt(dueAt)
            .WithMisfireThreshold(MisfireThreshold)
            .Build();
        return (job, trigger);
    }
}
