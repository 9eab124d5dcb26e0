using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Tests.Runtime.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Poison messages become incidents an operator can retry, on both stacks.</summary>
public abstract class IncidentTests
{
    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    /// <summary>A backend whose queues outlive a host, as production's do.</summary>
    protected virtual Task<RuntimeBackend> CreateDurableBackendAsync() => CreateBackendAsync();

    [Fact]
    public async Task A_poison_message_becomes_an_incident_and_its_retry_after_the_fix_completes_the_workflow()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = await host.StartCounter();
        var messageId = NewId.NextGuid();

        host.FaultSwitch.TurnOn();
        await host.Send(new IncrementCounter(id), messageId);

        // After every retry: the fault is published and the message goes to the error queue.
        await host.Recorder.WaitFor<Fault<IncrementCounter>>(f => f.Message.CounterId == id);
        var incident = await Eventually(() => host.Query(db => db.Set<Incident>().AsNoTracking().SingleOrDefaultAsync(i => i.MessageId == messageId)), "the open incident");
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(id, incident.InstanceId);
        Assert.Contains(nameof(IncrementCounter), incident.MessageType, StringComparison.Ordinal);
        Assert.Contains(host.Services.GetRequiredService<IEndpointNameFormatter>().Saga<CounterState>(), incident.Endpoint, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(incident.ExceptionMessage));
        Assert.Equal(0, (await host.FindCounter(id))!.Count);

        host.FaultSwitch.TurnOff();
        Assert.Equal(IncidentRetryResult.Retried, await Retry(host, incident.Id));
        Assert.Equal(IncidentRetryResult.NotOpen, await Retry(host, incident.Id));

        await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id);
        Assert.Equal(1, (await host.FindCounter(id))!.Count);
        var resolved = await Eventually(() => List(host, IncidentStatus.Resolved).ContinueWith(t => t.Result.SingleOrDefault(i => i.Id == incident.Id), TaskScheduler.Default), "the resolved incident");
        Assert.NotNull(resolved.RetriedAt);
        Assert.Empty(await List(host, IncidentStatus.Open));
    }

    [Fact]
    public async Task An_outbox_row_that_cannot_be_sent_becomes_an_incident_and_does_not_hold_back_the_messages_after_it()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = await host.StartCounter();
        var queue = host.CounterQueue;
        var unsendable = NewId.NextGuid();

        // One request's two messages, in one partition: first a row whose body is no envelope, then a good one.
        await using (var request = host.Services.CreateAsyncScope())
        {
            var db = request.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            db.Add(new OutboxMessage
            {
                MessageId = unsendable,
                CorrelationId = id,
                DestinationAddress = queue.ToString(),
                ContentType = "application/vnd.masstransit+json",
                MessageType = "urn:message:Coordination.Workflows.Tests.Runtime.Counter:IncrementCounter",
                Body = "{}",
                SentTime = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            var endpoint = await request.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(queue);
            await endpoint.Send(new IncrementCounter(id));
            await db.SaveChangesAsync();
        }

        var requestRows = await host.Query(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.WorkflowInstanceId == null && m.InboxMessageId == null).OrderBy(m => m.SequenceNumber).Select(m => m.MessageId).ToListAsync());
        Assert.Equal(2, requestRows.Count);
        Assert.Equal(unsendable, requestRows[0]);

        await host.Recorder.WaitFor<CounterChanged>(m => m.CounterId == id);
        Assert.Equal(1, (await host.FindCounter(id))!.Count);
        var incident = await Eventually(() => host.Query(db => db.Set<Incident>().AsNoTracking().SingleOrDefaultAsync(i => i.MessageId == unsendable)), "the incident of the unsendable row");
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(id, incident.InstanceId);
        Assert.Equal(queue.ToString(), incident.Endpoint);
        Assert.Equal("{}", incident.Body);
        Assert.Contains("cannot send this message as stored", incident.ExceptionMessage, StringComparison.Ordinal);
        var setAside = await host.Query(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == unsendable));
        Assert.NotNull(setAside.SetAsideAt);
        Assert.Null(setAside.DeliveredAt);

        // Sent again unchanged, it cannot go either: a new incident, not a relay stuck on it.
        Assert.Equal(IncidentRetryResult.Retried, await Retry(host, incident.Id));
        await Poll.UntilAsync(
            () => host.Query(db => db.Set<Incident>().CountAsync(i => i.MessageId == unsendable && i.Status == IncidentStatus.Open)),
            open => open == 1, TimeSpan.FromSeconds(15), "the retried row's new incident");
        Assert.Equal(0, await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null && m.SetAsideAt == null)));
        Assert.Equal(2, await host.Query(db => db.Set<Incident>().CountAsync(i => i.MessageId == unsendable)));
    }

    [Fact]
    public async Task A_message_waiting_for_a_retry_when_the_host_stops_is_consumed_after_the_restart_not_sent_to_the_error_queue()
    {
        await using var backend = await CreateDurableBackendAsync();
        Guid id;
        await using (var first = await RuntimeTestHost.StartAsync(backend, options: o =>
        {
            o.FaultRetryLimit = 5;
            o.FaultRetryInterval = TimeSpan.FromSeconds(3);
        }))
        {
            id = await first.StartCounter();

            // Through the outbox, as a workflow's message travels: on the in-memory transport it is
            // the outbox that outlives the process.
            first.FaultSwitch.TurnOn();
            await first.SendInRequest(new IncrementCounter(id));

            // The first attempt has failed; the host stops while the message waits for its retry.
            await Poll.UntilAsync(() => Task.FromResult(first.FaultSwitch.Thrown), thrown => thrown >= 1, TimeSpan.FromSeconds(15), "the first failed attempt");
        }

        await using var second = await RuntimeTestHost.StartAsync(backend);
        await Poll.UntilAsync(async () => (await second.FindCounter(id))?.Count ?? 0, count => count == 1, TimeSpan.FromSeconds(30), "the increment consumed after the restart");
        Assert.Equal(0, await second.Query(db => db.Set<Incident>().CountAsync(i => i.Status == IncidentStatus.Open)));
    }

    [Fact]
    public async Task Retrying_an_unknown_incident_is_refused()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);

        Assert.Equal(IncidentRetryResult.NotFound, await Retry(host, Guid.NewGuid()));
    }

    private static async Task<IncidentRetryResult> Retry(RuntimeTestHost host, Guid incidentId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentRetry>().RetryAsync(incidentId, CancellationToken.None);
    }

    private static async Task<IReadOnlyList<Incident>> List(RuntimeTestHost host, IncidentStatus status)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentQueries>().ListAsync(status, CancellationToken.None);
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> find, string what)
        where T : class =>
        (await Poll.UntilAsync(find, found => found is not null, TimeSpan.FromSeconds(15), what))!;
}

public sealed class SqliteInMemoryIncidentTests : IncidentTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

public sealed class PostgresRabbitMqIncidentTests : IncidentTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync();

    protected override Task<RuntimeBackend> CreateDurableBackendAsync() => PostgresRabbitMqBackend.CreateAsync(TestEnvironment.RabbitMqUri, durable: true);
}
