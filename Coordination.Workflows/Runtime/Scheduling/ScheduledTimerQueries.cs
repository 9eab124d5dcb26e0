using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Runtime.Journal;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// For operators: the reminders and deadlines this scheduler will fire (Quartz triggers of the
/// scheduled sends, with the message each will send), and those the workflows have received,
/// read from the journal by the names of the state machines' schedules.
/// </summary>
public sealed class ScheduledTimerQueries(ISchedulerFactory schedulers, WorkflowCatalog catalog, CoordinationDbContext db)
{
    public async Task<IReadOnlyList<UpcomingTimer>> UpcomingAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var upcoming = new List<UpcomingTimer>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzTimers.TriggerGroup), cancellationToken))
        {
            var trigger = await scheduler.GetTrigger(key, cancellationToken);
            var job = trigger is null ? null : await scheduler.GetJobDetail(trigger.JobKey, cancellationToken);
            if (trigger?.NextFireTimeUtc is not { } due || job is null)
            {
                continue;
            }

            var send = ScheduledSend.FromJobData(job.JobDataMap);
            upcoming.Add(new UpcomingTimer(key.Name, ShortName(send.MessageType), send.Destination.AbsolutePath.Trim('/'), due));
        }

        return upcoming.OrderBy(t => t.DueAt).ToList();
    }

    /// <summary>The latest <paramref name="count"/> timers the workflows received, newest first.</summary>
    public async Task<IReadOnlyList<WorkflowTransition>> FiredAsync(int count, CancellationToken cancellationToken = default)
    {
        var events = catalog.Names.Select(catalog.Find).OfType<StateMachine>().SelectMany(ScheduleEvents).Distinct().ToList();
        return await db.Set<WorkflowTransition>().AsNoTracking()
            .Where(t => events.Contains(t.Event))
            .OrderByDescending(t => t.OccurredAt)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The names of the events by which a machine's schedules (Reminder, Deadline, …) are received.</summary>
    private static IEnumerable<string> ScheduleEvents(StateMachine machine) =>
        machine.GetType().GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Schedule<>)))
            .Select(p => p.GetValue(machine))
            .Select(s => s?.GetType().GetProperty("Received")?.GetValue(s) as Event)
            .OfType<Event>()
            .Select(e => e.Name);

    private static string ShortName(string assemblyQualifiedName)
    {
        var type = assemblyQualifiedName.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}

/// <summary>A timer still to fire: its token, the message it sends (e.g. <c>ProtocolReminderDue</c>), where to, and when.</summary>
public sealed record UpcomingTimer(string Token, string Message, string Destination, DateTimeOffset DueAt);
