using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Scheduling;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime;

/// <summary>Wires the durable runtime (ADR 0005): see Runtime/README.md.</summary>
public static class RuntimeRegistration
{
    /// <summary>The relay, the inbox cleanup and their validated options. Needs a registered <see cref="CoordinationDbContext"/>.</summary>
    public static IServiceCollection AddCoordinationRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        services.AddOptions<RuntimeOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>());

        // A stopping host cancels what it is consuming (the transaction rolls back, the message
        // stays for the next start) instead of running out the message's retries.
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<RuntimeOptions>>((host, runtime) =>
            host.ConsumerStopTimeout ??= runtime.Value.ConsumerStopTimeout);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxRelaySignal>();
        services.TryAddScoped<OutboxPartition>();
        services.TryAddScoped<InboxCleanup>();
        services.TryAddScoped<IncidentRetry>();
        services.TryAddScoped<IncidentQueries>();
        services.TryAddSingleton(provider => new WorkflowCatalog(services, provider));
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<InboxCleanupService>();
        services.AddHostedService<ReceiveEndpointWatchdog>();
        return services;
    }

    /// <summary>
    /// Inside <c>AddMassTransit</c>: every endpoint gets retries, the inbox and the outbox, and
    /// scoped publishing outside consumers goes through the outbox.
    /// </summary>
    public static IBusRegistrationConfigurator AddCoordinationRuntime(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddScoped<IOutboxContextFactory<CoordinationDbContext>, TransactionalOutboxContextFactory>();
        bus.ReplaceScoped<IScopedBusContextProvider<IBus>, OutboxScopedBusContextProvider>();
        bus.AddConsumer<TimerRequestsConsumer, TimerRequestsConsumerDefinition>();
        bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            // The timer endpoint only talks to Quartz, whose own connection must not wait on a
            // transaction of ours (SQLite has one writer); its work is idempotent, so it needs
            // neither inbox nor outbox, only retries. A request that fails them all is a timer
            // that was never set (or never cancelled): an incident, as on every other endpoint.
            if (name == context.GetRequiredService<IEndpointNameFormatter>().Consumer<TimerRequestsConsumer>())
            {
                UseIncidents(endpoint, context);
                var lifetime = UseHostStopping(endpoint, context);
                var limit = context.GetRequiredService<IOptions<RuntimeOptions>>().Value.TimerRequestRetryLimit;
                endpoint.UseMessageRetry(r =>
                {
                    HostStoppingFilter.IgnoreWhileStopping(r, lifetime);
                    r.Exponential(limit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
                });
                return;
            }

            endpoint.UseCoordinationRuntime(context);
        });
        return bus;
    }

    /// <summary>
    /// For an endpoint configured by hand: retries (long for concurrency conflicts, short for
    /// faults), then the inbox and outbox around each consumer and saga on it.
    /// </summary>
    public static void UseCoordinationRuntime(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        UseIncidents(endpoint, context);
        var lifetime = UseHostStopping(endpoint, context);

        // Outermost: a conflict re-runs the whole attempt in a fresh scope and transaction.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyException>();
            HostStoppingFilter.IgnoreWhileStopping(r, lifetime);
            r.Exponential(options.ConcurrencyRetryLimit, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(15));
        });
        // No fault retries (FaultRetryLimit 0) is a valid setting; MassTransit refuses an interval policy without intervals.
        if (options.FaultRetryLimit > 0)
        {
            endpoint.UseMessageRetry(r =>
            {
                r.Ignore<ConcurrencyException>();
                HostStoppingFilter.IgnoreWhileStopping(r, lifetime);
                r.Interval(options.FaultRetryLimit, options.FaultRetryInterval);
            });
        }

        // State machines' Schedule/Unschedule write Quartz jobs in the consumer's transaction.
        endpoint.UseConsumeFilter(typeof(QuartzMessageSchedulerFilter<>), context);

        var outbox = new OutboxConsumePipeSpecificationObserver<CoordinationDbContext>(endpoint, context);
        endpoint.ConnectConsumerConfigurationObserver(outbox);
        endpoint.ConnectSagaConfigurationObserver(outbox);

        // Each transition is journalled on the saga's DbContext, so it commits with the state;
        // a faulted event names its instance for the incident.
        endpoint.ConnectSagaConfigurationObserver(new StateMachineObservers());
    }

    /// <summary>
    /// A message that failed every attempt becomes an incident, then MassTransit's defaults:
    /// Fault&lt;T&gt; and the error queue.
    /// </summary>
    private static void UseIncidents(IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        var recorder = new IncidentRecorder(
            context.GetRequiredService<IServiceScopeFactory>(),
            context.GetRequiredService<TimeProvider>(),
            context.GetRequiredService<ILogger<IncidentRecorder>>());
        endpoint.ConfigureError(e =>
        {
            e.UseFilter(recorder);
            e.UseFilter(new GenerateFaultFilter());
            e.UseFilter(new ErrorTransportFilter());
        });
    }

    /// <summary>
    /// Outside the retries: while the host stops, a message is not started and a failed attempt is
    /// not retried, but cancelled and left for the next start (<see cref="HostStoppingFilter"/>);
    /// the retry policies ignore every failure then. Null outside a host.
    /// </summary>
    private static IHostApplicationLifetime? UseHostStopping(IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        var lifetime = context.GetService<IHostApplicationLifetime>();
        if (lifetime is not null)
        {
            endpoint.UseFilter(new HostStoppingFilter(lifetime));
        }

        return lifetime;
    }
}
