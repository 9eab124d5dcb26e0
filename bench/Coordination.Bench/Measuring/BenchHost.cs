using Coordination.Bench.Backends;
using Coordination.Bench.Workload;
using Coordination.SyntheticCases;
using Coordination.Workflows;
using Coordination.Workflows.Runtime;
using Coordination.Workflows.Runtime.Sagas;
using Coordination.Workflows.Runtime.Scheduling;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coordination.Bench.Measuring;

/// <summary>
/// A generic host with the real runtime (saga repository, outbox, inbox, Quartz scheduling) and
/// the benchmark's two sagas, wired as the service wires its own, on one stack.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string ObserverQueue = "bench-observer";

    private readonly IHost host;

    private BenchHost(IHost host, WorkflowTracker tracker, ISendEndpoint cases)
    {
        this.host = host;
        Tracker = tracker;
        Cases = cases;
    }

    public WorkflowTracker Tracker { get; }

    /// <summary>The case saga's queue.</summary>
    public ISendEndpoint Cases { get; }

    /// <param name="stack">The database and transport.</param>
    /// <param name="durable">
    /// False for the bus-only ceiling (<see cref="BusCeiling"/>): the sagas in memory, no inbox,
    /// outbox or journal, and timers that are never stored, so nothing touches the database.
    /// </param>
    public static async Task<BenchHost> StartAsync(BenchBackend stack, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var tracker = new WorkflowTracker();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        if (durable)
        {
            services.AddCoordinationDbContext<BenchDbContext>(stack.Provider, stack.ConnectionString);
            services.AddCoordinationRuntime();
            services.AddCoordinationScheduling(stack.Provider, stack.ConnectionString, $"bench-{Guid.NewGuid():N}");
        }

        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (durable)
            {
                bus.AddCoordinationRuntime();
                bus.AddSagaStateMachine<CaseStateMachine, CaseState>().UseCoordinationRepository();
                bus.AddSagaStateMachine<TaskStateMachine, TaskState>().UseCoordinationRepository();
            }
            else
            {
                bus.AddSagaStateMachine<CaseStateMachine, CaseState>().InMemoryRepository();
                bus.AddSagaStateMachine<TaskStateMachine, TaskState>().InMemoryRepository();
                bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UseConsumeFilter(typeof(UnstoredSchedulerFilter<>), context));
            }

            stack.UseTransport(bus, (_, cfg) => cfg.ReceiveEndpoint(ObserverQueue, e =>
            {
                // The harness's eyes: plain handlers, outside the runtime, that only stamp times.
                e.Handler<CaseOpened>(c =>
                {
                    tracker.CaseOpened(c.Message.CaseId);
                    return Task.CompletedTask;
                });
                e.Handler<TaskAssigned>(c => tracker.TaskAssigned(c.Message.TaskId, c.Message.CaseId));
                e.Handler<TaskAccepted>(c =>
                {
                    tracker.TaskAccepted(c.Message.TaskId);
                    return Task.CompletedTask;
                });
                e.Handler<CaseClosed>(c =>
                {
                    tracker.CaseClosed(c.Message.CaseId);
                    return Task.CompletedTask;
                });
            }));
        });

        var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var names = host.Services.GetRequiredService<IEndpointNameFormatter>();
        var tasks = await bus.GetSendEndpoint(new Uri($"queue:{names.Saga<TaskState>()}"));
        tracker.AcceptThrough(m => tasks.Send(m));
        var cases = await bus.GetSendEndpoint(new Uri($"queue:{names.Saga<CaseState>()}"));
        return new BenchHost(host, tracker, cases);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
