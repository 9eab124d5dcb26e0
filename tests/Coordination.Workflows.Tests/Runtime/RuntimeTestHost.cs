using Coordination.Testing;
using Coordination.Workflows;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime;
using Coordination.Workflows.Runtime.Journal;
using Coordination.Workflows.Runtime.Outbox;
using Coordination.Workflows.Runtime.Sagas;
using Coordination.Workflows.Runtime.Scheduling;
using Coordination.Workflows.Tests.Runtime.Counter;
using Coordination.Workflows.Tests.Runtime.Reminders;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>A generic host with the runtime, the counter saga and a recording consumer, on one backend.</summary>
public sealed class RuntimeTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly RuntimeBackend backend;
    private readonly ManualClock? clock;

    private RuntimeTestHost(IHost host, RuntimeBackend backend, ManualClock? clock)
    {
        this.host = host;
        this.backend = backend;
        this.clock = clock;
    }

    public IServiceProvider Services => host.Services;

    public Recorder Recorder => Services.GetRequiredService<Recorder>();

    public ReceiveLog ReceiveLog => Services.GetRequiredService<ReceiveLog>();

    public FaultSwitch FaultSwitch => Services.GetRequiredService<FaultSwitch>();

    /// <summary>The counter saga's queue, as its endpoint declares it.</summary>
    public Uri CounterQueue => backend.QueueAddress(Services.GetRequiredService<IEndpointNameFormatter>().Saga<CounterState>());

    /// <param name="relay">False leaves the outbox relay out, as if it had stopped.</param>
    /// <param name="options">Changes the runtime's options after the tests' defaults.</param>
    public static async Task<RuntimeTestHost> StartAsync(RuntimeBackend backend, TimeProvider? clock = null, bool relay = true, Action<RuntimeOptions>? options = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddCoordinationDbContext<RuntimeTestDbContext>(backend.Provider, backend.ConnectionString);
        services.AddCoordinationRuntime(o =>
        {
            o.RelayPollInterval = TimeSpan.FromMilliseconds(100);
            o.FaultRetryLimit = 1;
            o.FaultRetryInterval = TimeSpan.FromMilliseconds(10);
            options?.Invoke(o);
        });
        if (!relay)
        {
            services.Remove(services.Single(d => d.ImplementationType == typeof(OutboxRelay)));
        }

        services.AddCoordinationScheduling(backend.Provider, backend.ConnectionString, backend.Prefix);
        services.AddSingleton<Recorder>();
        services.AddSingleton<ReceiveLog>();
        services.AddSingleton<FaultSwitch>();
        services.AddScoped<IWorkflowCaller, TestWorkflowCaller>();
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(backend.Prefix, false));
            bus.AddCoordinationRuntime();
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>().UseCoordinationRepository();
            bus.AddSagaStateMachine<ReminderStateMachine, ReminderState>().UseCoordinationRepository();
            bus.AddConsumer<RecordingConsumer, RecordingConsumerDefinition>();
            backend.UseTransport(bus);
        });

        configure?.Invoke(services);
        var host = builder.Build();
        host.Services.GetRequiredService<IBusControl>().ConnectReceiveObserver(host.Services.GetRequiredService<ReceiveLog>());
        await host.StartAsync();
        return new RuntimeTestHost(host, backend, clock as ManualClock);
    }

    /// <param name="userId">Sent in the header HTTP endpoints set for the signed-in user.</param>
    public async Task Send<T>(T message, Guid? messageId = null, string? userId = null)
        where T : class
    {
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(CounterQueue);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await endpoint.Send(message, context =>
        {
            if (messageId is { } id)
            {
                context.MessageId = id;
            }

            if (userId is not null)
            {
                context.Headers.Set(WorkflowHeaders.UserId, userId);
            }
        }, timeout.Token);
    }

    /// <summary>Sends to the counter's queue as an HTTP request does: through the outbox, committed with the request's changes.</summary>
    public async Task SendInRequest<T>(T message, string? userId = null)
        where T : class
    {
        await using var request = Services.CreateAsyncScope();
        if (userId is not null)
        {
            ((TestWorkflowCaller)request.ServiceProvider.GetRequiredService<IWorkflowCaller>()).UserId = userId;
        }

        var endpoint = await request.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(CounterQueue);
        await endpoint.Send(message);
        await request.ServiceProvider.GetRequiredService<CoordinationDbContext>().SaveChangesAsync();
    }

    /// <summary>Starts a counter and waits until its start has been committed and relayed.</summary>
    public async Task<Guid> StartCounter(Guid? taskId = null, Guid? messageId = null)
    {
        var id = Guid.NewGuid();
        await Send(new StartCounter(id, taskId ?? Guid.NewGuid()), messageId);
        await Recorder.WaitFor<CounterStarted>(m => m.CounterId == id);
        return id;
    }

    /// <summary>Sends to the reminder saga's queue.</summary>
    public async Task SendToReminders<T>(T message)
        where T : class
    {
        var name = Services.GetRequiredService<IEndpointNameFormatter>().Saga<ReminderState>();
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(backend.QueueAddress(name));
        await endpoint.Send(message);
    }

    public async Task<ReminderState?> FindReminder(Guid id)
    {
        await using var db = backend.CreateDbContext();
        return await db.Reminders.AsNoTracking().SingleOrDefaultAsync(r => r.CorrelationId == id);
    }

    public async Task<CounterState?> FindCounter(Guid id)
    {
        await using var db = backend.CreateDbContext();
        return await db.Counters.AsNoTracking().SingleOrDefaultAsync(c => c.CorrelationId == id);
    }

    public async Task<T> Query<T>(Func<RuntimeTestDbContext, Task<T>> query)
    {
        await using var db = backend.CreateDbContext();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        // Time goes on while the host stops (ManualClock.RunFreely says why).
        await using (clock?.RunFreely())
        {
            await host.StopAsync();
        }

        host.Dispose();
    }
}
