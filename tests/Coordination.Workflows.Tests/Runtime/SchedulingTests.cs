using Coordination.Testing;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Scheduling;
using Coordination.Workflows.Tests.Runtime.Reminders;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// State machines' Schedule/Unschedule on Quartz's persistent store, with the clock moved.
/// Every test runs on SQLite + in-memory and on PostgreSQL + RabbitMQ.
/// </summary>
public abstract class SchedulingTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    [Fact]
    public async Task A_reminder_fires_once_when_the_clock_passes_its_due_time_and_not_before()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();

        await host.SendToReminders(new StartReminding(id, Monday.AddHours(4)));
        var token = await WaitForTimerAsync(host, id);
        clock.Advance(TimeSpan.FromHours(3));
        await AssertStaysAsync(host, clock, id, fired: 0);

        clock.Advance(TimeSpan.FromHours(1));
        await clock.TickUntilAsync(() => Task.FromResult(host.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count > 0));
        var fired = host.Recorder.Received<ReminderFired>(f => f.ReminderId == id);
        Assert.True(fired[0].At >= Monday.AddHours(4));
        await AssertStaysAsync(host, clock, id, fired: 1);
        Assert.False(await JobExistsAsync(host, token));
    }

    [Fact]
    public async Task Answering_before_the_reminder_cancels_it_so_it_never_fires()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddHours(1)));
        var token = await WaitForTimerAsync(host, id);

        await host.SendToReminders(new AnswerReminder(id));
        await Poll.UntilAsync(async () => (await host.FindReminder(id))?.CurrentState == "Done", WaitLimit, "the reminder answered");

        // On SQLite the cancellation reaches Quartz through the outbox, a moment after the answer.
        await Poll.UntilAsync(async () => !await JobExistsAsync(host, token), WaitLimit, "the cancelled timer removed from Quartz");
        clock.Advance(TimeSpan.FromDays(2));
        await AssertStaysAsync(host, clock, id, fired: 0);
    }

    [Fact]
    public async Task A_pending_reminder_survives_a_host_restart_and_fires_exactly_once_after_it()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        var id = Guid.NewGuid();
        await using (var before = await RuntimeTestHost.StartAsync(backend, clock))
        {
            await before.SendToReminders(new StartReminding(id, Monday.AddHours(2)));
            await WaitForTimerAsync(before, id);
        }

        // Due while the host was down: it fires late, never not at all.
        clock.Advance(TimeSpan.FromHours(3));
        await using var after = await RuntimeTestHost.StartAsync(backend, clock);
        await clock.TickUntilAsync(() => Task.FromResult(after.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count > 0));
        await AssertStaysAsync(after, clock, id, fired: 1);
    }

    [Fact]
    public async Task A_fired_timer_is_committed_to_the_outbox_and_delivered_once_by_the_next_host_with_a_relay()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        var id = Guid.NewGuid();
        await using (var before = await RuntimeTestHost.StartAsync(backend, clock))
        {
            await before.SendToReminders(new StartReminding(id, Monday.AddHours(1)));
            await WaitForTimerAsync(before, id);
        }

        // A host without a relay: what the timer sends can only wait in the outbox.
        await using (var withoutRelay = await RuntimeTestHost.StartAsync(backend, clock, relay: false))
        {
            clock.Advance(TimeSpan.FromHours(2));
            await clock.TickUntilAsync(() => withoutRelay.Query(db => db.Set<OutboxMessage>().AnyAsync(m => m.DeliveredAt == null && m.MessageType.Contains(nameof(ReminderDue)))));
            Assert.Equal(0, (await withoutRelay.FindReminder(id))!.Fired);
        }

        await using var withRelay = await RuntimeTestHost.StartAsync(backend, clock);
        await withRelay.Recorder.WaitFor<ReminderFired>(f => f.ReminderId == id);
        await AssertStaysAsync(withRelay, clock, id, fired: 1);
    }

    [Fact]
    public async Task A_timer_whose_message_type_left_the_build_becomes_an_open_incident_when_it_comes_due()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var send = new ScheduledSend(new Uri("queue:reminders"), "Gone.ReminderDue, Gone", "{\"reminderId\":\"" + Guid.NewGuid() + "\"}", Guid.NewGuid(), Guid.NewGuid());
        var (job, trigger) = QuartzTimers.Build(send, Monday.AddHours(1));
        await (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).ScheduleJob(job, trigger);

        clock.Advance(TimeSpan.FromHours(2));
        await clock.TickUntilAsync(() => host.Query(db => db.Set<Incident>().AnyAsync(i => i.MessageId == send.MessageId)));
        var incident = await host.Query(db => db.Set<Incident>().AsNoTracking().SingleAsync(i => i.MessageId == send.MessageId));
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal("queue:reminders", incident.Endpoint);
        Assert.Contains("Gone.ReminderDue", incident.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(send.Body, incident.Body);
    }

    /// <summary>
    /// A timer set by a workflow instance whose message can no longer be built names that
    /// instance in its incident, so the administrators of that instance's workflow see it (an
    /// incident naming no instance is shown only to administrators of every municipality).
    /// </summary>
    [Fact]
    public async Task An_unsendable_timer_set_by_a_workflow_names_its_instance_in_the_incident()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddHours(1)));
        var token = await WaitForTimerAsync(host, id);

        // A later build no longer has the message's type; the rest of the stored timer is as it was set.
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = (await scheduler.GetJobDetail(ScheduledSend.JobKeyFor(token)))!;
        var messageId = ScheduledSend.FromJobData(job.JobDataMap).MessageId;
        job.JobDataMap["messageType"] = "Gone.ReminderDue, Gone";
        await scheduler.AddJob(job, new AddJobOptions { Replace = true, StoreNonDurableWhileAwaitingScheduling = true });

        clock.Advance(TimeSpan.FromHours(2));
        await clock.TickUntilAsync(() => host.Query(db => db.Set<Incident>().AnyAsync(i => i.MessageId == messageId)));
        var incident = await host.Query(db => db.Set<Incident>().AsNoTracking().SingleAsync(i => i.MessageId == messageId));
        Assert.Equal(id, incident.InstanceId);
        Assert.Equal(IncidentStatus.Open, incident.Status);
    }

    /// <summary>
    /// A timer request the timer endpoint cannot carry out through every retry (here one that is
    /// malformed) is a timer never set: it becomes an open incident naming the instance that set
    /// it, as a failed message on any other endpoint does, instead of only a row in the error queue.
    /// </summary>
    [Fact]
    public async Task A_timer_request_that_fails_every_retry_becomes_an_incident_of_its_instance()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, options: o => o.TimerRequestRetryLimit = 1);
        var instance = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var queue = host.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<TimerRequestsConsumer>();
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(backend.QueueAddress(queue));
        await endpoint.Send(new ScheduleTimer(Guid.NewGuid(), null!, "Reminder, Test", "{}", Guid.NewGuid(), Monday, instance), c => c.MessageId = messageId);

        await Poll.UntilAsync(() => host.Query(db => db.Set<Incident>().AnyAsync(i => i.MessageId == messageId)), WaitLimit, "the failed timer request recorded as an incident");
        var incident = await host.Query(db => db.Set<Incident>().AsNoTracking().SingleAsync(i => i.MessageId == messageId));
        Assert.Equal(instance, incident.InstanceId);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Contains(queue, incident.Endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurring_cycle_fires_once_per_interval_in_order()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddDays(182), TimeSpan.FromDays(182)));
        var timer = await WaitForTimerAsync(host, id);

        for (var cycle = 1; cycle <= 3; cycle++)
        {
            clock.Advance(TimeSpan.FromDays(182));
            var expected = cycle;
            await clock.TickUntilAsync(() => Task.FromResult(host.Recorder.Received<ReminderFired>(f => f.ReminderId == id && f.Fired == expected).Count == 1));
            timer = await WaitForTimerAsync(host, id, timer);
        }

        var fired = host.Recorder.Received<ReminderFired>(f => f.ReminderId == id);
        Assert.Equal([1, 2, 3], fired.Select(f => f.Fired));
    }

    /// <summary>
    /// A timer whose firing cannot be written (the database refusing the write three times) fires
    /// again by itself, each pause longer than the last, and is delivered once when the write goes
    /// through. Before, Quartz deleted the timer after the first failure and the reminder never came.
    /// The clock runs on in small steps, so the test does not depend on when a retry is stored
    /// relative to a jump of the clock (a failure read mid-jump is due before the jump ends).
    /// </summary>
    [Fact]
    public async Task A_timer_whose_firing_fails_fires_again_until_it_is_written_and_is_delivered_once()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        var failing = new FailingTimerWrites(3, clock);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock,
            configure: services => services.ConfigureDbContext<RuntimeTestDbContext>(o => o.AddInterceptors(failing)));
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, Monday.AddHours(1)));
        var token = await WaitForTimerAsync(host, id);

        clock.Advance(TimeSpan.FromHours(2));
        await clock.TickUntilAsync(
            () => Task.FromResult(host.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count > 0),
            step: TimeSpan.FromSeconds(5), timeout: TimeSpan.FromSeconds(60));

        await AssertStaysAsync(host, clock, id, fired: 1);
        Assert.Equal(3, failing.Failures);
        var attempts = failing.Attempts;
        Assert.Equal(4, attempts.Count);
        for (var failed = 1; failed <= 3; failed++)
        {
            // Each retry waited at least its pause after the failure before it (30 s, 60 s, 120 s).
            var pause = attempts[failed] - attempts[failed - 1];
            Assert.True(pause >= QuartzTimers.RetryDelay(failed), $"attempt {failed + 1} came {pause} after attempt {failed}, before its pause of {QuartzTimers.RetryDelay(failed)}");
        }

        Assert.False(await JobExistsAsync(host, token));
    }

    /// <summary>
    /// Refuses the first <c>count</c> writes of a fired reminder to the outbox, as a database away for
    /// a moment would, and notes on the test clock when each write was tried.
    /// </summary>
    private sealed class FailingTimerWrites(int count, TimeProvider clock) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        private readonly Lock gate = new();
        private readonly List<DateTimeOffset> attempts = [];
        private int failures;

        public int Failures => Volatile.Read(ref failures);

        /// <summary>When each write of the reminder's firing was tried, the refused ones and the one that went through.</summary>
        public IReadOnlyList<DateTimeOffset> Attempts
        {
            get
            {
                lock (gate)
                {
                    return [.. attempts];
                }
            }
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added && e.Entity.MessageType.Contains(nameof(ReminderDue), StringComparison.Ordinal)))
            {
                lock (gate)
                {
                    attempts.Add(clock.GetUtcNow());
                    if (failures < count)
                    {
                        Interlocked.Increment(ref failures);
                        throw new DbUpdateException("The database refused the write (test).");
                    }
                }
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    /// <summary>Waits until the saga holds a timer other than <paramref name="previous"/> and its Quartz job exists.</summary>
    private static async Task<Guid> WaitForTimerAsync(RuntimeTestHost host, Guid id, Guid? previous = null)
    {
        Guid token = default;
        await Poll.UntilAsync(async () =>
        {
            var reminder = await host.FindReminder(id);
            if (reminder?.ReminderTokenId is not { } current || current == previous)
            {
                return false;
            }

            token = current;
            return await JobExistsAsync(host, current);
        }, WaitLimit, "a new timer held by the saga and stored in Quartz");
        return token;
    }

    private static async Task<bool> JobExistsAsync(RuntimeTestHost host, Guid token)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.Exists(ScheduledSend.JobKeyFor(token));
    }

    /// <summary>Lets the scheduler run on for a minute of test time to (wrongly) fire again, then checks it did not.</summary>
    private static async Task AssertStaysAsync(RuntimeTestHost host, ManualClock clock, Guid id, int fired)
    {
        var until = clock.GetUtcNow().AddMinutes(1);
        await clock.TickUntilAsync(() => Task.FromResult(clock.GetUtcNow() >= until));
        Assert.Equal(fired, (await host.FindReminder(id))!.Fired);
        Assert.Equal(fired, host.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count);
    }
}

public sealed class SqliteInMemorySchedulingTests : SchedulingTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

public sealed class PostgresRabbitMqSchedulingTests : SchedulingTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync();
}
