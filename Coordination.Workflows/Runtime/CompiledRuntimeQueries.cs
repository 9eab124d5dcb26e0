using System.Runtime.CompilerServices;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// The inbox check every consumed message makes, compiled once instead of translated from LINQ
/// each time. Measured with <c>Coordination.Bench roundtrips</c>, the LINQ query cost this
/// process about 100 µs of CPU more than the same query compiled (bench/README.md, ADR 0014).
/// </summary>
/// <remarks>
/// EF Core runs a compiled query only against the model it was compiled for, and a process can
/// hold several (one per context type and provider: the tests have many), so it is compiled once
/// per model. The saga load is not compiled: on PostgreSQL it is <c>FromSqlRaw</c> (the row lock,
/// <see cref="Sagas.SagaRowLock{TSaga}"/>), which EF Core 10 cannot compile ("Expression of type
/// IQueryable cannot be used for parameter of type DbSet" when it rebuilds the call).
/// </remarks>
internal static class CompiledRuntimeQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, Guid, Guid, CancellationToken, Task<bool>>> Consumed = [];

    /// <summary>True when <paramref name="consumerId"/> has already consumed <paramref name="messageId"/> (its inbox row exists).</summary>
    public static Task<bool> IsConsumedAsync(CoordinationDbContext db, Guid messageId, Guid consumerId, CancellationToken cancellationToken) =>
        Consumed.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (CoordinationDbContext c, Guid message, Guid consumer, CancellationToken _) =>
                c.Set<InboxState>().Any(i => i.MessageId == message && i.ConsumerId == consumer)))(db, messageId, consumerId, cancellationToken);
}
