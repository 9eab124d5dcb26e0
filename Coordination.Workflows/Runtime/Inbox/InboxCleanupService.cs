using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Runtime.Inbox;

/// <summary>Runs <see cref="InboxCleanup"/> at start and then every <see cref="RuntimeOptions.CleanupInterval"/>.</summary>
internal sealed partial class InboxCleanupService(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<RuntimeOptions> options, ILogger<InboxCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<InboxCleanup>().RemoveExpiredAsync(stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(logger, removed);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} expired inbox entries.")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox cleanup failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
