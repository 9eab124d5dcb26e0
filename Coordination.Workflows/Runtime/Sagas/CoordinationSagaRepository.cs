using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>
/// Stores saga instances of <typeparamref name="TSaga"/> in the service's database (ADR 0005).
/// Resolved per consume scope, so it shares the scope's <see cref="CoordinationDbContext"/>, and
/// with it the transaction the outbox opened, with the inbox and outbox rows of the same message.
/// </summary>
/// <remarks>
/// Concurrency is optimistic: <see cref="ISagaVersion.Version"/> is the concurrency token,
/// incremented on every update; a conflicting write surfaces as <see cref="ConcurrencyException"/>
/// and the endpoint's retry runs the message again against the fresh row.
/// </remarks>
public sealed class CoordinationSagaRepository<TSaga>(
    CoordinationDbContext db, ISagaConsumeContextFactory<CoordinationDbContext, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, SagaStateMachineInstance, ISagaVersion
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        SagaMapping.EnsureMapped<TSaga>(db);
        return InTransaction(async () =>
        {
            var repositoryContext = new CoordinationSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory);
            await next.Send(repositoryContext);
        }, context.CancellationToken);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(next);
        SagaMapping.EnsureMapped<TSaga>(db);
        return InTransaction(async () =>
        {
            var instances = await db.Set<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
            var repositoryContext = new CoordinationSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
        }, context.CancellationToken);
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new SagaReadContext<TSaga>(db, cancellationToken));
    }

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new SagaReadContext<TSaga>(db, cancellationToken));
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Add("persistence", "coordination-ef-core");
    }

    // Inside the outbox the transaction already exists and belongs to it: the saga's change
    // commits with the inbox and outbox rows. Without the outbox the repository opens its own.
    private async Task InTransaction(Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(CancellationToken.None);
    }
}
