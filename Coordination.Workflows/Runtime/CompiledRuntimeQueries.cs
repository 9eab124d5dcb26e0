using System.Runtime.CompilerServices;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// The queries the runtime makes for every consumed message, the inbox check and the saga load,
/// and for every batch of the outbox relay, its read of the rows to send, compiled once instead
/// of translated from LINQ each time. Measured with <c>Coordination.Bench roundtrips</c>, a LINQ
/// query cost this process about 100 µs of CPU more than the same query compiled
/// (bench/README.md, ADR 0014). The relay's other statements per batch are
/// <c>ExecuteUpdate</c>s, which EF Core cannot compile.
/// </summary>
/// <remarks>
/// EF Core runs a compiled query only against the model it was compiled for, and a process can
/// hold several (one per context type and provider: the tests have many), so each is compiled
/// once per model.
/// </remarks>
internal static class CompiledRuntimeQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, Guid, Guid, CancellationToken, Task<bool>>> Consumed = [];

    private static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, DateTimeOffset, int, IAsyncEnumerable<OutboxMessage>>> Pending = [];

    /// <summary>True when <paramref name="consumerId"/> has already consumed <paramref name="messageId"/> (its inbox row exists).</summary>
    public static Task<bool> IsConsumedAsync(CoordinationDbContext db, Guid messageId, Guid consumerId, CancellationToken cancellationToken) =>
        Consumed.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (CoordinationDbContext c, Guid message, Guid consumer, CancellationToken _) =>
                c.Set<InboxState>().Any(i => i.MessageId == message && i.ConsumerId == consumer)))(db, messageId, consumerId, cancellationToken);

    /// <summary>
    /// The instance with this correlation id, tracked, or null. On PostgreSQL the row stays locked
    /// until the transaction ends (<see cref="SagaRowLock"/>).
    /// </summary>
    public static async Task<TSaga?> LoadSagaAsync<TSaga>(CoordinationDbContext db, Guid correlationId, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        var query = SagaById<TSaga>.Queries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (CoordinationDbContext c, Guid id) => c.Set<TSaga>().TagWith(SagaRowLock.Tag).Where(s => s.CorrelationId == id)));
        await foreach (var instance in query(db, correlationId).WithCancellation(cancellationToken))
        {
            return instance; // the key: at most one
        }

        return null;
    }

    /// <summary>
    /// The relay's next batch: at most <paramref name="batchSize"/> rows, oldest first, not
    /// delivered, not set aside, and due. Read through the partial index of such rows
    /// (IX_OutboxMessages_Undelivered), so a poll does not read the delivered rows kept for the
    /// inbox window.
    /// </summary>
    public static async Task<List<OutboxMessage>> PendingOutboxMessagesAsync(
        CoordinationDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var query = Pending.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (CoordinationDbContext c, DateTimeOffset due, int size) => c.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DeliveredAt == null && m.SetAsideAt == null && (m.EnqueueTime == null || m.EnqueueTime <= due))
                .OrderBy(m => m.SequenceNumber)
                .Take(size)));
        var batch = new List<OutboxMessage>();
        await foreach (var row in query(db, now, batchSize).WithCancellation(cancellationToken))
        {
            batch.Add(row);
        }

        return batch;
    }

    private static class SagaById<TSaga>
        where TSaga : class, ISagaVersion
    {
        public static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, Guid, IAsyncEnumerable<TSaga>>> Queries = [];
    }
}
