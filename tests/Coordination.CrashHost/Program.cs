using Coordination.CrashHost;
using Coordination.CrashHost.Agencies;
using Coordination.SyntheticCases;
using Coordination.Workflows;
using Coordination.Workflows.Runtime;
using Coordination.Workflows.Runtime.Sagas;
using Coordination.Workflows.Runtime.Scheduling;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The real runtime (saga repository, outbox, inbox, Quartz), wired as Coordination.Host wires it,
// with a concern-shaped workflow; the crash test starts it as a child process and kills it.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
var settings = CrashHostSettings.From(builder.Configuration);

var services = builder.Services;
services.AddSingleton(TimeProvider.System);
services.AddCoordinationDbContext<CrashDbContext>(settings.Provider, settings.ConnectionString);
services.AddCoordinationScheduling(settings.Provider, settings.ConnectionString, settings.SchedulerName);
services.AddCoordinationRuntime(o => builder.Configuration.GetSection(RuntimeOptions.Section).Bind(o));
services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
services.AddMassTransit(bus =>
{
    bus.SetKebabCaseEndpointNameFormatter();
    bus.AddCoordinationRuntime();
    bus.AddSagaStateMachine<CaseStateMachine, CaseState>().UseCoordinationRepository();
    bus.AddSagaStateMachine<TaskStateMachine, TaskState>().UseCoordinationRepository();
    bus.AddConsumer<AgencyDesk>();
    bus.AddConsumer<ReporterDesk>();
    if (settings.RabbitMq is { } rabbit)
    {
        var credentials = rabbit.UserInfo.Split(':', 2);
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(rabbit.Host, (ushort)rabbit.Port, Uri.UnescapeDataString(rabbit.AbsolutePath.TrimStart('/')), h =>
            {
                h.Username(Uri.UnescapeDataString(credentials[0]));
                h.Password(Uri.UnescapeDataString(credentials[1]));
            });
            cfg.ConfigureEndpoints(context);
        });
    }
    else
    {
        bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
    }
});

using var host = builder.Build();
await host.StartAsync();
if (settings.Raise > 0)
{
    await CaseRaiser.RaiseAsync(host.Services, settings.Raise);
}

Console.WriteLine($"Crash host is running (process {Environment.ProcessId}).");
await host.WaitForShutdownAsync();
