using Coordination.Workflows.Persistence;
using MassTransit;
using MassTransit.DependencyInjection;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Replaces MassTransit's scoped bus context: inside a consumer, scoped sends go through the
/// consume context (and so through the consumer's outbox); anywhere else, through
/// <see cref="OutboxScopedBusContext"/>.
/// </summary>
internal sealed class OutboxScopedBusContextProvider : IScopedBusContextProvider<IBus>, IDisposable
{
    private readonly OutboxScopedBusContext? outbox;

    public OutboxScopedBusContextProvider(
        IBus bus,
        Bind<IBus, IClientFactory> clientFactory,
        Bind<IBus, IScopedConsumeContextProvider> busConsumeContext,
        IScopedConsumeContextProvider anyConsumeContext,
        IServiceProvider provider,
        CoordinationDbContext db,
        TimeProvider clock,
        OutboxRelaySignal relay)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(busConsumeContext);
        ArgumentNullException.ThrowIfNull(anyConsumeContext);
        if (busConsumeContext.Value.HasContext)
        {
            Context = new ConsumeContextScopedBusContext(busConsumeContext.Value.GetContext(), clientFactory.Value);
        }
        else if (anyConsumeContext.HasContext)
        {
            Context = new ConsumeContextScopedBusContext<IBus>(bus, anyConsumeContext.GetContext(), clientFactory.Value, provider);
        }
        else
        {
            var direct = new BusScopedBusContext<IBus>(bus, clientFactory.Value, provider);
            Context = outbox = new OutboxScopedBusContext(bus, db, clock, relay, direct, provider);
        }
    }

    public ScopedBusContext Context { get; }

    public void Dispose() => outbox?.Dispose();
}
