using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// Restarts a receive endpoint that has not been connected for
/// <see cref="RuntimeOptions.EndpointRestartAfter"/>. MassTransit 8.4.0's receive transport gives up
/// for good when an attempt to reconnect is cancelled (on RabbitMQ, a request to a broker that is
/// still starting times out as a cancellation, and the transport's loop rethrows it instead of
/// trying again; MassTransit fixed it in 8.5.2, a version we do not use, docs/adr/0021). The
/// endpoint then stays faulted and its queue fills while the rest of the bus works again: a
/// workflow's messages wait, and its deadlines with them, with nothing but the readiness check
/// to say so. Restarting an endpoint that is only waiting for the broker costs one new attempt.
/// </summary>
internal sealed partial class ReceiveEndpointWatchdog(
    IServiceProvider services, TimeProvider clock, IOptions<RuntimeOptions> options, ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, DateTimeOffset> downSince = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IBusControl>() is not { } bus)
        {
            return;
        }

        // Before the host has started, the bus is still starting its endpoints itself; once it is
        // stopping, the bus is stopping them and none may be started again.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lifetime = services.GetService<IHostApplicationLifetime>();
        await using var onStopping = lifetime?.ApplicationStopping.Register(stopping.Cancel);
        try
        {
            if (lifetime is not null)
            {
                await StartedAsync(lifetime, stopping.Token);
            }

            var restartAfter = options.Value.EndpointRestartAfter;
            using var timer = new PeriodicTimer(restartAfter / 4, clock);
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await CheckAsync(bus, restartAfter, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.Token.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task CheckAsync(IBusControl bus, TimeSpan restartAfter, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (address, endpoint) in bus.CheckHealth().Endpoints)
        {
            if (endpoint.Status == BusHealthStatus.Healthy)
            {
                downSince.Remove(address);
                continue;
            }

            if (!downSince.TryGetValue(address, out var since))
            {
                downSince[address] = now;
                continue;
            }

            if (now - since < restartAfter || stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            LogRestarting(logger, address, now - since, endpoint.Description ?? endpoint.Status.ToString());
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(StopTimeout);
                await endpoint.ReceiveEndpoint.Stop(timeout.Token);
                endpoint.ReceiveEndpoint.Start(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRestartFailed(logger, address, e);
            }

            // The new attempt gets the full time before it counts as stuck again.
            downSince[address] = now;
        }
    }

    private static async Task StartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} has not been connected for {Down} ({State}); restarting it.")]
    private static partial void LogRestarting(ILogger logger, string address, TimeSpan down, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Receive endpoint {Address} could not be restarted; the next check tries again.")]
    private static partial void LogRestartFailed(ILogger logger, string address, Exception exception);
}
