using System.Text.Json;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Tests.Runtime.Counter;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// The durable runtime end to end (ADR 0005). Every test runs twice: on SQLite with the
/// in-memory transport, and on PostgreSQL with RabbitMQ.
/// </summary>
public abstract class RuntimeTests
{
    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    [Fact]
    public async Task Fifty_concurrent_increments_of_one_saga_are_all_counted_and_published_in_order()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = await host.StartCounter();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Send(new IncrementCounter(id))));

        var changes = await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id, 50, TimeSpan.FromSeconds(90));
        var counter = await host.FindCounter(id);
        Assert.Equal(50, counter!.Count);
        Assert.Equal(51, counter.Version);
        Assert.Equal(Enumerable.Range(1, 50), changes.Select(c => c.Count).Order());

        var outboxCounts = await host.Query(db => db.Set<OutboxMessage>()
            .Where(m => m.MessageType.Contains(nameof(CounterChanged)))
            .OrderBy(m => m.SequenceNumber)
            .Select(m => m.Body)
            .ToListAsync());
        Assert.Equal(Enumerable.Range(1, 50), outboxCounts.Select(CountIn));
    }

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = await host.StartCounter();
        var messageId = NewId.NextGuid();

        await host.Send(new IncrementCounter(id), messageId);
        await host.Send(new IncrementCounter(id), messageId);

        await host.ReceiveLog.WaitForReceives(messageId, 2);
        var counter = await host.FindCounter(id);
        Assert.Equal(1, counter!.Count);
        Assert.Equal(1, await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == messageId)));
        Assert.Equal(1, await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == messageId)));
    }

    [Fact]
    public async Task A_start_delivered_again_after_its_workflow_moved_on_is_acknowledged_without_an_incident()
    {
        await using var backend = await CreateBackendAsync();

        // No fault retries: a duplicate taken for a failure would be an incident at once.
        await using var host = await RuntimeTestHost.StartAsync(backend, options: o => o.FaultRetryLimit = 0);
        var start = NewId.NextGuid();
        var id = await host.StartCounter(messageId: start);
        await host.Send(new IncrementCounter(id));
        await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id && m.Count == 1);

        // The counter is past its start, so running the start again would fail in the state machine.
        var counter = await host.FindCounter(id);
        await host.Send(new StartCounter(id, counter!.TaskId), start);

        await host.ReceiveLog.WaitForReceives(start, 2);
        Assert.Equal(1, (await host.FindCounter(id))!.Count);
        Assert.Equal(1, await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == start)));
        Assert.Equal(1, await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == start)));
        Assert.False(await host.Query(db => db.Set<Incident>().AnyAsync()));
    }

    [Fact]
    public async Task An_event_that_arrives_before_its_instance_started_is_applied_once_it_starts_and_makes_no_incident()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = Guid.NewGuid();
        var early = NewId.NextGuid();

        // The test host allows one fault retry, 10 ms later. The start follows 300 ms after the
        // increment was received (a real gap, not domain time): had the missing instance been
        // treated as a fault, the increment would be in the error queue and an incident by then.
        await host.Send(new IncrementCounter(id), early);
        await host.ReceiveLog.WaitForReceiveStarted(early);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await host.Send(new StartCounter(id, Guid.NewGuid()));

        await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id);
        Assert.Equal(1, (await host.FindCounter(id))!.Count);
        Assert.Equal(0, await host.Query(db => db.Set<Incident>().CountAsync()));
        Assert.Empty(host.Recorder.Received<Fault<IncrementCounter>>(f => f.Message.CounterId == id));
    }

    [Fact]
    public async Task A_consumer_that_publishes_and_then_fails_leaves_neither_change_nor_message_until_redelivered_after_the_fix()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = await host.StartCounter();
        var messageId = NewId.NextGuid();

        host.FaultSwitch.TurnOn();
        await host.Send(new IncrementCounter(id), messageId);
        await host.ReceiveLog.WaitForReceives(messageId, 1);

        // The fault itself is reported, outside the rolled-back transaction.
        await host.Recorder.WaitFor<Fault<IncrementCounter>>(f => f.Message.CounterId == id);
        Assert.Equal(0, (await host.FindCounter(id))!.Count);
        Assert.Equal(0, await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == messageId)));
        Assert.Equal(0, await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == messageId)));

        host.FaultSwitch.TurnOff();
        await host.Send(new IncrementCounter(id), messageId);

        await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id);
        Assert.Equal(1, (await host.FindCounter(id))!.Count);
        Assert.Single(host.Recorder.Received<CounterChanged>(m => m.CounterId == id));
    }

    [Fact]
    public async Task Messages_written_while_the_relay_is_stopped_are_delivered_in_order_when_it_starts()
    {
        await using var backend = await CreateBackendAsync();
        var run = Guid.NewGuid();
        await using (var stopped = await RuntimeTestHost.StartAsync(backend, relay: false))
        {
            for (var i = 1; i <= 5; i++)
            {
                await PublishInRequest(stopped, new NoteWritten(run, i), saveChanges: true);
            }

            Assert.Equal(5, await stopped.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null)));
            Assert.Empty(stopped.Recorder.Received<NoteWritten>(n => n.RunId == run));
        }

        await using var restarted = await RuntimeTestHost.StartAsync(backend);
        var notes = await restarted.Recorder.WaitFor<NoteWritten>(n => n.RunId == run, 5);

        Assert.Equal([1, 2, 3, 4, 5], notes.Select(n => n.Sequence));
        await Poll.UntilAsync(
            async () => await restarted.Query(db => db.Set<OutboxMessage>().AllAsync(m => m.DeliveredAt != null)),
            TimeSpan.FromSeconds(15),
            "every outbox row delivered after the relay started");
    }

    [Fact]
    public async Task A_request_publishes_only_what_it_saves_together_with_its_data()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var run = Guid.NewGuid();

        await PublishInRequest(host, new NoteWritten(run, 1), saveChanges: true, municipalityCode: "0001");
        await PublishInRequest(host, new NoteWritten(run, 2), saveChanges: false, municipalityCode: "0002");
        await PublishInRequest(host, new NoteWritten(run, 3), saveChanges: true, municipalityCode: "0003");

        // The relay delivers in order: once 3 has arrived, 2 would have too if it existed.
        var notes = await host.Recorder.WaitFor<NoteWritten>(n => n.RunId == run && n.Sequence == 3);
        Assert.Equal([1, 3], host.Recorder.Received<NoteWritten>(n => n.RunId == run).Select(n => n.Sequence));
        Assert.Equal(["0001", "0003"], await host.Query(db => db.Municipalities.Select(m => m.Code).Order().ToListAsync()));
        Assert.Equal(2, await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(NoteWritten)))));
        Assert.NotEmpty(notes);
    }

    [Fact]
    public async Task Inbox_entries_are_removed_once_they_are_older_than_the_window()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var messageId = NewId.NextGuid();
        await host.StartCounter(messageId: messageId);
        Assert.Equal(1, await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == messageId)));

        clock.Advance(TimeSpan.FromDays(6));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<InboxCleanup>().RemoveExpiredAsync(CancellationToken.None));
        }

        Assert.Equal(1, await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == messageId)));

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        await clock.TickUntilAsync(
            async () => await host.Query(db => db.Set<InboxState>().CountAsync(i => i.MessageId == messageId)) == 0,
            TimeSpan.FromMinutes(10));
    }

    /// <summary>
    /// A delivered outbox row leaves with the inbox entry of its consumption, counted from when it
    /// was written, whatever its replays did: the in-memory transport's start marks every delivered
    /// row undelivered and the relay stamps it delivered again. Before, a host restarted more often
    /// than the window kept such rows for ever (they were removed by that stamp), while their inbox
    /// entries expired, and the next start handed the message to its consumer a second time.
    /// </summary>
    [Fact]
    public async Task A_delivered_message_replayed_at_restarts_is_removed_with_its_inbox_entry_and_not_replayed_after_it()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await CreateBackendAsync();
        var run = Guid.NewGuid();
        Task<int> RowsAsync(RuntimeTestHost host) => host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(NoteWritten)) && m.DeliveredAt != null));
        await using (var first = await RuntimeTestHost.StartAsync(backend, clock))
        {
            await PublishInRequest(first, new NoteWritten(run, 1), saveChanges: true);
            await first.Recorder.WaitFor<NoteWritten>(n => n.RunId == run);
            await Poll.UntilAsync(() => RowsAsync(first), n => n == 1, TimeSpan.FromSeconds(30), "the row marked delivered");
        }

        // Restarted every three days: each start replays the row (the inbox drops it) and stamps it delivered again.
        for (var restart = 1; restart <= 2; restart++)
        {
            clock.Advance(TimeSpan.FromDays(3));
            await using var again = await RuntimeTestHost.StartAsync(backend, clock);
            await Poll.UntilAsync(() => again.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(NoteWritten)) && m.DeliveredAt == clock.GetUtcNow())), n => n == 1 || !OutboxRelay.IsVolatile(again.Services.GetRequiredService<IBus>()), TimeSpan.FromSeconds(30), "the row replayed and stamped again");
        }

        // A week and a bit after it was written, the cleanup takes the inbox entry and the row together.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        await using var last = await RuntimeTestHost.StartAsync(backend, clock, relay: false);
        await using (var scope = last.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboxCleanup>().RemoveExpiredAsync(CancellationToken.None);
        }

        Assert.Equal(0, await last.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(NoteWritten)))));
    }

    [Fact]
    public async Task Outbox_rows_set_aside_as_incidents_are_removed_after_the_same_window()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend, clock, relay: false);
        var old = SetAside(clock.GetUtcNow() - TimeSpan.FromDays(8));
        var recent = SetAside(clock.GetUtcNow() - TimeSpan.FromDays(6));
        await host.Query(db =>
        {
            db.AddRange(old, recent);
            return db.SaveChangesAsync();
        });

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboxCleanup>().RemoveExpiredAsync(CancellationToken.None);
        }

        Assert.Equal([recent.MessageId], await host.Query(db => db.Set<OutboxMessage>().Where(m => m.SetAsideAt != null).Select(m => m.MessageId).ToListAsync()));
    }

    private static OutboxMessage SetAside(DateTimeOffset at) => new()
    {
        MessageId = NewId.NextGuid(),
        DestinationAddress = "queue:nowhere",
        ContentType = "application/vnd.masstransit+json",
        MessageType = "urn:message:Test",
        Body = "{}",
        SentTime = at,
        CreatedAt = at,
        SetAsideAt = at,
    };

    [Fact]
    public async Task An_event_correlated_by_task_id_finds_its_saga_and_so_do_queries()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var taskId = Guid.NewGuid();
        var id = await host.StartCounter(taskId);
        await host.StartCounter();

        await host.Send(new PingCounterTask(taskId));

        await host.Recorder.WaitFor<CounterTaskPinged>(m => m.CounterId == id && m.Pings == 1);
        var found = await host.Services.GetRequiredService<IQuerySagaRepository<CounterState>>()
            .Find(new SagaQuery<CounterState>(s => s.TaskId == taskId));
        Assert.Equal([id], found);
        var loaded = await host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(id);
        Assert.Equal(1, loaded.Pings);
    }

    [Fact]
    public async Task Only_one_host_holds_the_relay_lease_until_it_expires()
    {
        await using var backend = await CreateBackendAsync();
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var lease = TimeSpan.FromSeconds(30);
        await using var db = backend.CreateDbContext();

        Assert.True(await RuntimeLeases.TryAcquireAsync(db, OutboxRelay.LeaseName, "a", now, lease, CancellationToken.None));
        Assert.False(await RuntimeLeases.TryAcquireAsync(db, OutboxRelay.LeaseName, "b", now.AddSeconds(10), lease, CancellationToken.None));
        Assert.True(await RuntimeLeases.TryAcquireAsync(db, OutboxRelay.LeaseName, "a", now.AddSeconds(20), lease, CancellationToken.None));
        Assert.False(await RuntimeLeases.TryAcquireAsync(db, OutboxRelay.LeaseName, "b", now.AddSeconds(40), lease, CancellationToken.None));
        Assert.True(await RuntimeLeases.TryAcquireAsync(db, OutboxRelay.LeaseName, "b", now.AddSeconds(51), lease, CancellationToken.None));
    }

    /// <summary>What an HTTP endpoint does: publish through the scoped publisher, change data, maybe save.</summary>
    private static async Task PublishInRequest(RuntimeTestHost host, NoteWritten note, bool saveChanges, string? municipalityCode = null)
    {
        await using var request = host.Services.CreateAsyncScope();
        var publisher = request.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var db = request.ServiceProvider.GetRequiredService<Coordination.Workflows.Persistence.CoordinationDbContext>();
        if (municipalityCode is not null)
        {
            db.Municipalities.Add(new Municipality { Id = Guid.NewGuid(), Code = municipalityCode, Name = "Test " + municipalityCode });
        }

        await publisher.Publish(note);
        if (saveChanges)
        {
            await db.SaveChangesAsync();
        }
    }

    private static int CountIn(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("message").GetProperty("count").GetInt32();
}

public sealed class SqliteInMemoryRuntimeTests : RuntimeTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

public sealed class PostgresRabbitMqRuntimeTests : RuntimeTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync();
}
