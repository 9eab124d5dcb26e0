using Coordination.Workflows.Persistence;
using Coordination.Workflows.Requests;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Security;

/// <summary>Removes idempotency keys and their responses once <see cref="IdempotentRequest.Retention"/> has passed: at start, then every ten minutes.</summary>
internal sealed partial class IdempotentRequestCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotentRequestCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var cutoff = clock.GetUtcNow() - IdempotentRequest.Retention;
        return await db.Set<IdempotentRequest>().Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Removing expired idempotency keys failed; it runs again in ten minutes.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
