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

    private const string AttemptKey = "attempt";

    /// <summary>The pause before a failed firing is tried again: 30 seconds, doubling, at most 10 minutes.</summary>
    public static TimeSpan RetryDelay(int failedAttempt) =>
        TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Min(Math.Max(failedAttempt, 1) - 1, 5))) is var delay && delay > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : delay;

    /// <summary>Which attempt this firing is: 1 for the timer's own trigger, more for a retry.</summary>
    public static int AttemptOf(ITrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.JobDataMap.TryGetString(AttemptKey, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var attempt) ? attempt : 1;
    }

    /// <summary>
    /// A trigger that fires the timer's job again at <paramref name="at"/>, in the timers' group (so
    /// operators see it among the upcoming timers and cancelling the timer deletes it with the job).
    /// </summary>
    public static ITrigger Retry(JobKey job, Guid tokenId, int attempt, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tokenId:N}-{attempt}"), TriggerGroup))
            .ForJob(job)
            .UsingJobData(AttemptKey, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .StartAt(at)
            .WithMisfireThreshold(MisfireThreshold)
            .Build();

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
