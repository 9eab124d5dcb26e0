using Coordination.Testing;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Tests.Runtime.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// A receive endpoint that stopped consuming and did not come back (MassTransit 8.4.0 leaves one
/// so when its reconnect to a restarting broker is cancelled) is restarted once it has been down
/// for the runtime's <c>EndpointRestartAfter</c>, and what waited in its queue is consumed.
/// </summary>
public abstract class EndpointWatchdogTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    [Fact]
    public async Task An_endpoint_that_stopped_consuming_is_restarted_and_its_queue_is_consumed()
    {
        await using var backend = await CreateBackendAsync();
        var clock = new ManualClock(Monday);
        await using var host = await RuntimeTestHost.StartAsync(backend, clock, options: o => o.EndpointRestartAfter = TimeSpan.FromMinutes(2));
        await host.StartCounter();
        var recording = host.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<RecordingConsumer>();
        var bus = host.Services.GetRequiredService<IBusControl>();
        var endpoint = Recorder(bus, recording);

        // As the transport leaves it after a cancelled reconnect: stopped, not trying again.
        var stopped = clock.GetUtcNow();
        await endpoint.ReceiveEndpoint.Stop(CancellationToken.None);
        var id = Guid.NewGuid();
        await host.Send(new StartCounter(id, Guid.NewGuid()));
        await Poll.UntilAsync(
            async () => await host.FindCounter(id) is not null && await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null)) == 0,
            TimeSpan.FromSeconds(30), "the counter started and its CounterStarted sent");
        Assert.NotEqual(BusHealthStatus.Healthy, Recorder(bus, recording).Status);
        Assert.Empty(host.Recorder.Received<CounterStarted>(c => c.CounterId == id));

        await clock.TickUntilAsync(
            () => Task.FromResult(host.Recorder.Received<CounterStarted>(c => c.CounterId == id).Count == 1),
            step: TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(60));

        Assert.True(clock.GetUtcNow() - stopped >= TimeSpan.FromMinutes(2), $"Consumed {clock.GetUtcNow() - stopped} after the stop: before the endpoint counted as stuck.");
        await Poll.UntilAsync(() => Task.FromResult(Recorder(bus, recording).Status), s => s == BusHealthStatus.Healthy, TimeSpan.FromSeconds(30), "the restarted endpoint healthy");
    }

    /// <summary>The recording consumer's endpoint as the bus reports its health now.</summary>
    private static EndpointHealthResult Recorder(IBusControl bus, string recording) =>
        bus.CheckHealth().Endpoints.Values.Single(e => e.InputAddress.AbsolutePath.EndsWith($"/{recording}", StringComparison.Ordinal));
}

public sealed class SqliteInMemoryEndpointWatchdogTests : EndpointWatchdogTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

/// <summary>Durable queues, as in production: a throw-away queue goes away with its last consumer, and what waited in it with it.</summary>
public sealed class PostgresRabbitMqEndpointWatchdogTests : EndpointWatchdogTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync(TestEnvironment.RabbitMqUri, durable: true);
}
