using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>The repository's side of one consumed message: loads, adds, updates and deletes instances.</summary>
internal sealed class CoordinationSagaRepositoryContext<TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, SagaStateMachineInstance, ISagaVersion
    where TMessage : class
{
    private readonly CoordinationDbContext db;
    private readonly ConsumeContext<TMessage> context;
    private readonly ISagaConsumeContextFactory<CoordinationDbContext, TSaga> factory;

    public CoordinationSagaRepositoryContext(
        CoordinationDbContext db, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<CoordinationDbContext, TSaga> factory)
        : base(context, db)
    {
        this.db = db;
        this.context = context;
        this.factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        instance.Version = 1;
        db.Add(instance);
        await SaveAsync(instance);
        return await factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await CompiledRuntimeQueries.LoadSagaAsync<TSaga>(db, correlationId, CancellationToken);
        return instance is null
            ? default!
            : await factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Saga.Version = 1;
        db.Add(context.Saga);
        return SaveAsync(context.Saga);
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // EF compares the loaded (original) version in the UPDATE's WHERE clause and writes this one.
        context.Saga.Version++;
        return SaveAsync(context.Saga);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        db.Remove(context.Saga);
        return SaveAsync(context.Saga);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entry = db.Entry(context.Saga);
        if (entry.State == EntityState.Added)
        {
            entry.State = EntityState.Detached;
        }
        else if (entry.State != EntityState.Detached)
        {
            entry.CurrentValues.SetValues(entry.OriginalValues);
            entry.State = EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    private async Task SaveAsync(TSaga instance)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            throw new ConcurrencyException(
                $"Saga {typeof(TSaga).Name} {instance.CorrelationId} was changed by another message; retrying.",
                typeof(TSaga), instance.CorrelationId, e);
        }
    }
}
