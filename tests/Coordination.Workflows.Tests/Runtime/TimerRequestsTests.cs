using Coordination.Testing;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Scheduling;
using Coordination.Workflows.Tests.Runtime.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// On SQLite a timer reaches Quartz as a request through the outbox; the timer endpoint takes
/// one at a time and retries a failed one for about two minutes. When the host stopped while
/// Quartz's store was failing, the in-memory transport went on handing the stopping endpoint its
/// queued requests, each of which then spent those two minutes retrying, against the disposed
/// provider when the host's services were disposed while its endpoints stopped (as a test host's
/// disposal did), and just as much in a plain stop (docs/testing.md).
/// </summary>
public sealed class TimerRequestsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Timer_requests_queued_when_the_host_stops_let_it_stop_at_once_and_are_applied_after_the_restart(bool tornDown)
    {
        await using var backend = await SqliteInMemoryBackend.CreateAsync();
        var clock = new ManualClock(Monday);
        var reminders = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var host = await RuntimeTestHost.StartAsync(backend, clock);
        var torndown = host.Services.GetRequiredService<IHost>();
        try
        {
            // Quartz's store fails, so the first request waits for its retries and the others queue behind it.
            await ExecuteAsync(backend, "ALTER TABLE qrtz_simple_triggers RENAME TO qrtz_simple_triggers_away");
            foreach (var id in reminders)
            {
                await host.SendToReminders(new StartReminding(id, Monday.AddDays(1)));
            }

            var requests = await Poll.UntilAsync(
                () => host.Query(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(ScheduleTimer)) && m.DeliveredAt != null).Select(m => m.MessageId).ToListAsync()),
                ids => ids.Count == reminders.Count, TimeSpan.FromSeconds(30), "the timer requests handed to the timer endpoint");

            // The relay sends each reminder's request on its own partition, so in no set order: the
            // first to reach the endpoint is the one retrying, and the others wait behind it.
            await await Task.WhenAny(requests.Select(host.ReceiveLog.WaitForReceiveStarted));

            // MassTransit's retries run on real time: let the first request fail a few times.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        // A plain stop, or the provider gone while the endpoints stop (a test host's disposal).
        // Before, either took minutes: each queued request went through all its retries, then to
        // the error queue; and a torn-down host waited out its 30 s shutdown timeout for the
        // outbox relay, whose wake-up semaphore had been disposed under it. Now no request is
        // started or retried once the stop has begun, the one being retried is cancelled after
        // the consumer stop timeout (5 s), and the relay ends when cancelled.
        var stopping = torndown.StopAsync();
        if (tornDown)
        {
            torndown.Dispose();
        }

        var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(first == stopping, "the host stopped within 20 s");
        if (!tornDown)
        {
            // Services that stop after the provider is gone may fail (Quartz's does); a plain stop may not.
            await stopping;
            torndown.Dispose();
        }

        // Nothing is lost: the next start replays the requests from the outbox and every timer is stored.
        await ExecuteAsync(backend, "ALTER TABLE qrtz_simple_triggers_away RENAME TO qrtz_simple_triggers");
        await using var after = await RuntimeTestHost.StartAsync(backend, clock);
        var scheduler = await after.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var id in reminders)
        {
            var token = (await after.FindReminder(id))!.ReminderTokenId!.Value;
            await clock.TickUntilAsync(() => scheduler.Exists(ScheduledSend.JobKeyFor(token)).AsTask(), timeout: TimeSpan.FromSeconds(60));
        }
    }

    private static async Task ExecuteAsync(RuntimeBackend backend, string sql)
    {
        await using var db = backend.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
