using Coordination.Testing;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Scheduling;
using Coordination.Workflows.Tests.Runtime.Counter;
using Coordination.Workflows.Tests.Runtime.Reminders;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Stops a broker: runs against a private RabbitMQ node, never the shared one.</summary>
public sealed class BrokerRestartTests
{
    private const int PrivateBrokerPort = 5692;
    private const int Increments = 50;

    [Fact]
    public async Task Every_workflow_completes_when_RabbitMQ_is_stopped_and_started_mid_run()
    {
        await using var broker = await RabbitMqNode.StartAsync(PrivateBrokerPort);
        await using var backend = await PostgresRabbitMqBackend.CreateAsync(broker.Uri, durable: true);

        // An endpoint whose reconnect MassTransit gave up on is restarted after 30 s here (2 minutes
        // in production), so that one leaves the recorder's 1,000 results time to arrive.
        await using var host = await RuntimeTestHost.StartAsync(backend, options: o => o.EndpointRestartAfter = TimeSpan.FromSeconds(30));
        var counters = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            counters.Add(await host.StartCounter());
        }

        foreach (var id in counters)
        {
            for (var n = 0; n < Increments; n++)
            {
                await host.Send(new IncrementCounter(id));
            }
        }

        // Mid-run: increments are queued or being handled, their results in the outbox.
        var doneBeforeStop = host.Recorder.Received<CounterChanged>(c => counters.Contains(c.CounterId)).Count;
        Assert.True(doneBeforeStop < counters.Count * Increments, "Every increment was done before the broker stopped: nothing was in flight.");
        await broker.StopAsync();
        await broker.StartAgainAsync();

        try
        {
            await host.Recorder.WaitFor<CounterChanged>(c => counters.Contains(c.CounterId) && c.Count == Increments, counters.Count, TimeSpan.FromSeconds(300));
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message} {await DiagnoseAsync(host, counters)} {await DescribeBrokerAsync(host, broker.Uri)}");
        }

        foreach (var id in counters)
        {
            Assert.Equal(Increments, (await host.FindCounter(id))!.Count);
        }
    }

    [Fact]
    public async Task A_reminder_that_comes_due_while_RabbitMQ_is_down_fires_once_when_it_is_back()
    {
        var monday = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        await using var broker = await RabbitMqNode.StartAsync(PrivateBrokerPort);
        await using var backend = await PostgresRabbitMqBackend.CreateAsync(broker.Uri, durable: true);
        var clock = new ManualClock(monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var id = Guid.NewGuid();
        await host.SendToReminders(new StartReminding(id, monday.AddHours(1)));
        var trigger = await Poll.UntilAsync(
            async () => (await host.FindReminder(id))?.ReminderTokenId is { } token && await scheduler.Exists(QuartzTimers.TriggerKeyFor(token))
                ? QuartzTimers.TriggerKeyFor(token)
                : null,
            key => key is not null, TimeSpan.FromSeconds(30), "the reminder's timer stored in Quartz");

        // Quartz fires the timer while the broker is away (a one-shot trigger is gone once its job has run).
        await broker.StopAsync();
        clock.Advance(TimeSpan.FromHours(2));
        var limit = clock.GetUtcNow().AddMinutes(5);
        await clock.TickUntilAsync(async () => !await scheduler.Exists(trigger!) || clock.GetUtcNow() >= limit);
        await broker.StartAgainAsync();

        // The clock moves while it waits, as it would: the endpoint watchdog reads it.
        await clock.TickUntilAsync(
            () => Task.FromResult(host.Recorder.Received<ReminderFired>(f => f.ReminderId == id).Count > 0),
            step: TimeSpan.FromSeconds(5), timeout: TimeSpan.FromSeconds(120));
        var until = clock.GetUtcNow().AddMinutes(1);
        await clock.TickUntilAsync(() => Task.FromResult(clock.GetUtcNow() >= until));
        Assert.Equal(1, (await host.FindReminder(id))!.Fired);
        Assert.Single(host.Recorder.Received<ReminderFired>(f => f.ReminderId == id));
    }

    /// <summary>
    /// Where the unfinished counters stand: their stored count, the highest count the recorder
    /// received for each, undelivered outbox rows, incidents.
    /// </summary>
    private static async Task<string> DiagnoseAsync(RuntimeTestHost host, List<Guid> counters)
    {
        var stored = await host.Query(db => db.Counters.AsNoTracking().Where(c => counters.Contains(c.CorrelationId)).Select(c => c.Count).ToListAsync());
        var received = counters.Select(id => host.Recorder.Received<CounterChanged>(c => c.CounterId == id).Select(c => c.Count).DefaultIfEmpty(0).Max());
        var undelivered = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null));
        var incidents = await host.Query(db => db.Set<Incident>().Select(i => i.ExceptionType + ": " + i.ExceptionMessage).ToListAsync());
        return $"Stored counts: [{string.Join(", ", stored)}]; highest count received: [{string.Join(", ", received)}]; undelivered outbox rows: {undelivered}; incidents: {incidents.Count} [{string.Join(" | ", incidents.Take(3))}]";
    }

    /// <summary>
    /// Whether the results wait in the broker or were lost on the way: the recorder's and the
    /// counter's queues (messages ready, consumers) as the broker reports them, and each receive
    /// endpoint's health as the bus reports it.
    /// </summary>
    private static async Task<string> DescribeBrokerAsync(RuntimeTestHost host, Uri broker)
    {
        var names = host.Services.GetRequiredService<IEndpointNameFormatter>();
        var health = host.Services.GetRequiredService<IBusControl>().CheckHealth();
        var endpoints = string.Join(" | ", health.Endpoints.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}"));
        var queues = new List<string>();
        try
        {
            await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = broker }.CreateConnectionAsync();
            foreach (var queue in new[] { names.Consumer<RecordingConsumer>(), names.Saga<CounterState>() })
            {
                await using var channel = await connection.CreateChannelAsync();
                var declared = await channel.QueueDeclarePassiveAsync(queue);
                queues.Add($"{queue}: {declared.MessageCount} ready, {declared.ConsumerCount} consumers");
            }
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.RabbitMQClientException or RabbitMQ.Client.Exceptions.OperationInterruptedException or System.Net.Sockets.SocketException)
        {
            queues.Add($"broker not asked: {e.Message}");
        }

        return $"Queues: [{string.Join("; ", queues)}]; bus {health.Status}: {endpoints}";
    }
}
