using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Journal;
using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Sends and publishes made outside a consumer, e.g. by an HTTP endpoint through the scoped
/// <see cref="IPublishEndpoint"/>: they are added to the scope's <see cref="CoordinationDbContext"/>
/// and leave only if the request calls <c>SaveChanges</c>, in the same transaction as its data.
/// </summary>
internal sealed class OutboxScopedBusContext(
    IBus bus, CoordinationDbContext db, TimeProvider clock, OutboxRelaySignal relay, ScopedBusContext direct, IServiceProvider provider) :
    ScopedBusContext, OutboxSendContext, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<OutboxMessage> written = [];
    private ISendEndpointProvider? sendEndpointProvider;
    private IPublishEndpoint? publishEndpoint;

    public ISendEndpointProvider SendEndpointProvider => sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public IPublishEndpoint PublishEndpoint => publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    // A request/response cannot wait for a reply to a message that has not left yet.
    public IScopedClientFactory ClientFactory => direct.ClientFactory;

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (provider.GetService(typeof(IWorkflowCaller)) is IWorkflowCaller { UserId: { Length: > 0 } user }
            && context.Headers.Get<string>(WorkflowHeaders.UserId) is null)
        {
            context.Headers.Set(WorkflowHeaders.UserId, user);
        }

        var row = OutboxMessageFactory.Create(context, clock.GetUtcNow());
        lock (gate)
        {
            db.Add(row);
            written.Add(row);
        }

        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => provider.GetService(serviceType);

    /// <summary>Wakes the relay at the end of the scope if any of the rows were committed.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (written.Exists(row => db.Entry(row).State == EntityState.Unchanged))
            {
                relay.Notify();
            }
        }
    }
}
