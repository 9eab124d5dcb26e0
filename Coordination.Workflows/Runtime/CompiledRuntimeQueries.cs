using System.Runtime.CompilerServices;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// The two queries every consumed message makes, compiled once instead of translated from LINQ
/// each time: the inbox check and the saga load. Measured with <c>Coordination.Bench roundtrips</c>,
/// a LINQ query cost this process about 100 µs of CPU more than the same query compiled
/// (bench/README.md, ADR 0014).
/// </summary>
/// <remarks>
/// EF Core runs a compiled query only against the model it was compiled for, and a process can
/// hold several (one per context type and provider: the tests have many), so each is compiled
/// once per model.
/// </remarks>
internal static class CompiledRuntimeQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, Guid, Guid, CancellationToken, Task<bool>>> Consumed = [];

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

    private static class SagaById<TSaga>
        where TSaga : class, ISagaVersion
    {
        public static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, Guid, IAsyncEnumerable<TSaga>>> Queries = [];
    }
}
