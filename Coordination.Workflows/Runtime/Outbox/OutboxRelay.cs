using System.Collections.Concurrent;
using System.Runtime.Serialization;
using System.Text.Json;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Hands committed <see cref="OutboxMessage"/> rows to the broker, at least once and, per
/// workflow instance, in sequence order (different instances concurrently), and marks them delivered. Only the host holding the relay lease delivers,
/// so two hosts on one database do not interleave. Undelivered rows survive a crash: the
/// next holder starts from the oldest. A row that cannot be sent as stored is set aside as an
/// <see cref="Incident"/> (ADR 0015) instead of being tried, and holding back its instance, for ever.
/// </summary>
/// <remarks>
/// On the in-memory transport a delivered message lives only in this process until it is
/// consumed, so a crash or restart loses what was delivered but not yet consumed. There the
/// relay replays, once at start, every delivered row still kept (<see cref="RuntimeOptions.InboxRetention"/>);
/// the consumers' inbox acknowledges those already consumed without running them again.
/// </remarks>
internal sealed partial class OutboxRelay(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxRelaySignal signal,
    TimeProvider clock,
    IOptions<RuntimeOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public const string LeaseName = "outbox-relay";

    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private bool replayChecked;
    private DateTimeOffset leaseRenewAfter = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var fullBatch = false;
            try
            {
                fullBatch = await RelayOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRelayFailed(logger, e);
            }

            if (!fullBatch)
            {
                await signal.WaitAsync(options.Value.RelayPollInterval, clock, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            await RuntimeLeases.ReleaseAsync(db, LeaseName, owner, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            // The lease expires on its own; releasing only spares the next host the wait.
            LogReleaseFailed(logger, e);
        }
    }

    /// <summary>Delivers one batch if this host holds the lease; true when a full batch went out and more may wait.</summary>
    private async Task<bool> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        if (!await HoldLeaseAsync(db, settings, cancellationToken))
        {
            return false;
        }

        if (!replayChecked)
        {
            await ReplayVolatileDeliveriesAsync(db, cancellationToken);
            replayChecked = true;
        }

        var batch = await CompiledRuntimeQueries.PendingOutboxMessagesAsync(db, clock.GetUtcNow(), settings.RelayBatchSize, cancellationToken);

        // Each partition's rows go one after another in sequence order; partitions go side by side.
        var delivered = new ConcurrentBag<long>();
        var undeliverable = new ConcurrentBag<(OutboxMessage Row, Exception Error)>();
        var partitions = batch.GroupBy(PartitionOf).Select(p => p.ToList());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.RelayConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, parallel, async (rows, ct) =>
        {
            foreach (var row in rows)
            {
                try
                {
                    await DeliverAsync(row, ct).WaitAsync(settings.RelaySendTimeout, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && IsUndeliverable(e))
                {
                    // No later attempt can send it: it becomes an incident, and the rest go on.
                    undeliverable.Add((row, e));
                    continue;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Stop this partition here: its later rows must not overtake this one.
                    LogDeliveryFailed(logger, row.SequenceNumber, row.MessageId, e);
                    return;
                }

                delivered.Add(row.SequenceNumber);
            }
        });

        if (!delivered.IsEmpty)
        {
            var deliveredAt = clock.GetUtcNow();
            var sequenceNumbers = delivered.ToList();
            await db.Set<OutboxMessage>()
                .Where(m => sequenceNumbers.Contains(m.SequenceNumber))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, deliveredAt), CancellationToken.None);
        }

        if (!undeliverable.IsEmpty)
        {
            await SetAsideAsync(db, undeliverable.OrderBy(u => u.Row.SequenceNumber).ToList());
        }

        return batch.Count == settings.RelayBatchSize && delivered.Count + undeliverable.Count == batch.Count;
    }

    /// <summary>
    /// A failure of the stored row itself, raised before anything reaches the broker: its address,
    /// headers or envelope cannot be read, or the transport has no such address. Sending it again
    /// fails the same way. Anything else (the broker unreachable, a confirm not received) is tried again.
    /// </summary>
    internal static bool IsUndeliverable(Exception exception) =>
        exception is SerializationException or JsonException or FormatException or ArgumentException;

    /// <summary>Records each row as an open incident and marks it set aside, in one transaction.</summary>
    private async Task SetAsideAsync(CoordinationDbContext db, List<(OutboxMessage Row, Exception Error)> rows)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var incidents = rows.Select(u => IncidentFor(u.Row, u.Error, now)).ToList();
        db.AddRange(incidents);
        await db.SaveChangesAsync(CancellationToken.None);
        var sequenceNumbers = rows.Select(u => u.Row.SequenceNumber).ToList();
        await db.Set<OutboxMessage>()
            .Where(m => sequenceNumbers.Contains(m.SequenceNumber))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SetAsideAt, now), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        for (var i = 0; i < rows.Count; i++)
        {
            LogSetAside(logger, rows[i].Row.SequenceNumber, rows[i].Row.MessageId, rows[i].Row.DestinationAddress, incidents[i].Id, rows[i].Error);
        }
    }

    /// <summary>The incident an operator sees: where the message was going, what it was, and why it could not go.</summary>
    private static Incident IncidentFor(OutboxMessage row, Exception error, DateTimeOffset now) => Incident.Open(
        row.DestinationAddress, row.WorkflowInstanceId ?? row.CorrelationId, row.MessageId, row.ConversationId, row.MessageType, row.ContentType, row.Body,
        error, now, "The outbox relay cannot send this message as stored");

    /// <summary>
    /// Which rows must keep their relative order: a workflow instance's, a consumer transaction's
    /// (a plain consumer has no instance), and everything else (sent from HTTP requests) together.
    /// </summary>
    internal static (Guid? Instance, Guid? InboxMessage, Guid? InboxConsumer) PartitionOf(OutboxMessage row) =>
        row.WorkflowInstanceId is { } instance ? (instance, null, null) : (null, row.InboxMessageId, row.InboxConsumerId);

    /// <summary>
    /// Takes or renews the lease, with a database write only once half of it has run out: until
    /// it expires no other host can take it, so a held lease needs no renewal before then.
    /// </summary>
    private async Task<bool> HoldLeaseAsync(CoordinationDbContext db, RuntimeOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < leaseRenewAfter)
        {
            return true;
        }

        if (!await RuntimeLeases.TryAcquireAsync(db, LeaseName, owner, now, settings.RelayLeaseDuration, cancellationToken))
        {
            leaseRenewAfter = DateTimeOffset.MinValue;
            return false;
        }

        leaseRenewAfter = now + settings.RelayLeaseDuration / 2;
        return true;
    }

    /// <summary>
    /// The in-memory transport keeps messages in this process only: whatever an earlier process
    /// delivered may have died with it, unconsumed. Marks every such row undelivered again, but
    /// only within the inbox's window: an older one's inbox entry may be gone, and its consumer
    /// would take it a second time (the cleanup removes such rows; this covers a start before it).
    /// </summary>
    private async Task ReplayVolatileDeliveriesAsync(CoordinationDbContext db, CancellationToken cancellationToken)
    {
        if (!IsVolatile(bus))
        {
            return;
        }

        var windowStart = clock.GetUtcNow() - options.Value.InboxRetention;
        var replayed = await db.Set<OutboxMessage>()
            .Where(m => m.DeliveredAt != null && m.CreatedAt >= windowStart)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null), cancellationToken);
        if (replayed > 0)
        {
            LogReplaying(logger, replayed);
        }
    }

    /// <summary>True for the in-memory transport (addresses <c>loopback://</c>), whose queues die with the process.</summary>
    internal static bool IsVolatile(IBus bus) => bus.Address.Scheme == "loopback";

    private async Task DeliverAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var message = new StoredOutboxMessage(row);
        var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);
        await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox relay failed; it tries again at the next poll.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {SequenceNumber} ({MessageId}) could not be delivered; it and later messages wait for the next attempt.")]
    private static partial void LogDeliveryFailed(ILogger logger, long sequenceNumber, Guid messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {SequenceNumber} ({MessageId}) to {Destination} cannot be sent as stored; it is set aside as incident {IncidentId} and later messages go on.")]
    private static partial void LogSetAside(ILogger logger, long sequenceNumber, Guid messageId, string destination, Guid incidentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The in-memory transport lost what it held when the last process stopped: replaying {Count} delivered outbox messages; consumers skip those already consumed.")]
    private static partial void LogReplaying(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay lease could not be released; it expires on its own.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
