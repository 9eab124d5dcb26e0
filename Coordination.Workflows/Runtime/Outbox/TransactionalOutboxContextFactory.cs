using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// MassTransit's outbox hook for our database: one transaction per consumed message, shared
/// by the inbox check, the consumer's or saga's changes, and the messages they send.
/// </summary>
internal sealed class TransactionalOutboxContextFactory(
    CoordinationDbContext db, IServiceProvider provider, TimeProvider clock, OutboxRelaySignal relay) :
    IOutboxContextFactory<CoordinationDbContext>
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The inbox needs a MessageId to recognise redelivered messages.");

        // SQLite has one writer, and a transaction there takes the write lock at BEGIN: a message
        // already consumed (redelivered, or replayed after a restart on the in-memory transport)
        // is recognised by a plain read first, without waiting for the lock.
        if (db.Database.IsSqlite() && await IsConsumedAsync(messageId, options.ConsumerId, context.CancellationToken))
        {
            await next.Send(new TransactionalOutboxConsumeContext<T>(context, options, provider, db, clock, messageId, alreadyConsumed: true));
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);

        // A failed write here fails the whole message, which is retried in a new transaction,
        // so the savepoint EF would otherwise set around each SaveChanges (a round trip each to
        // set and release it) would never be rolled back to.
        db.Database.AutoSavepointsEnabled = false;
        var consumed = await IsConsumedAsync(messageId, options.ConsumerId, context.CancellationToken);

        var partition = provider.GetService(typeof(OutboxPartition)) as OutboxPartition;
        var outboxContext = new TransactionalOutboxConsumeContext<T>(context, options, provider, db, clock, messageId, consumed, partition);
        if (!consumed)
        {
            outboxContext.AddInboxRow();
        }

        await next.Send(outboxContext);

        // A duplicate wrote nothing; disposing the transaction rolls back its empty work.
        if (!outboxContext.ConsumedNow)
        {
            return;
        }

        await transaction.CommitAsync(CancellationToken.None);
        relay.Notify();
    }

    private Task<bool> IsConsumedAsync(Guid messageId, Guid consumerId, CancellationToken cancellationToken) =>
        CompiledRuntimeQueries.IsConsumedAsync(db, messageId, consumerId, cancellationToken);

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("outboxContextFactory").Add("provider", "coordination-ef-core");
    }
}
