using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// At start, gives every open concern without a legal-deadline timer (raised before concerns kept
/// one, migration ConcernLegalDeadlineTimer) the message that sets it, through the outbox, so no
/// limit of an older concern passes unseen. A concern that has a timer, or nothing left to watch,
/// is left alone, so starting again sends nothing new.
/// </summary>
internal sealed partial class LegalDeadlineResumption(IServiceScopeFactory scopes, ILogger<LegalDeadlineResumption> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resumed = await ResumeAsync(stoppingToken);
            if (resumed > 0)
            {
                LogResumed(logger, resumed);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>Sends the message for each concern that needs it; returns how many.</summary>
    internal async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            var page = await db.Set<ConcernState>().AsNoTracking()
                .Where(s => s.ClosedAt == null && s.LegalDeadlineTokenId == null && s.CorrelationId.CompareTo(after) > 0)
                .OrderBy(s => s.CorrelationId)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return resumed;
            }

            var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            foreach (var concern in page.Where(s => s.NextLimitToWatch() is not null))
            {
                await publish.Publish(new LegalDeadlinesResumed(concern.CorrelationId), cancellationToken);
                resumed++;
            }

            await db.SaveChangesAsync(cancellationToken);
            after = page[^1].CorrelationId;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set the legal-deadline timer of {Count} open concern(s) that had none.")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Setting the legal-deadline timers of open concerns failed; they are set at the next start.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
