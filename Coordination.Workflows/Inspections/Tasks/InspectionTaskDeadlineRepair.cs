using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>
/// At start, gives every open inspection task that <see cref="InspectionTaskDeadlineStateMachine"/>
/// keeps, has a due time and has not escalated, but has no escalation of its own, its escalation:
/// the tasks opened before the workflow existed (migration 20261207100000), and any whose starting
/// message never got through. A task already past its due time escalates at once. A migration
/// cannot do it: the timer lives in Quartz's store, which on SQLite only the timer endpoint writes.
/// Running it twice, or on two instances at once, starts nothing twice (the workflow ignores a
/// second start).
/// </summary>
public sealed partial class InspectionTaskDeadlineRepair(IServiceScopeFactory scopes, ILogger<InspectionTaskDeadlineRepair> logger) : IHostedService
{
    /// <summary>Starts the missing escalations; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var tasks = await db.Set<InspectionTask>().AsNoTracking()
            .Where(t => t.Status == InspectionTaskStatus.Open && t.DueAt != null && t.EscalatedAt == null)
            .Where(t => InspectionTaskDeadlines.KeptKinds.Contains(t.Kind))
            .Where(t => !db.Set<InspectionTaskDeadlineState>().Any(s => s.CorrelationId == t.Id))
            .ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            await publish.DeadlineSetAsync(task, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return tasks.Count;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = await RunAsync(cancellationToken);
            if (started > 0)
            {
                LogStarted(logger, started);
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The service still starts; the next start tries again.
            LogFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the due-time escalation of {Count} open inspection task(s) that had none.")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the due-time escalation of open inspection tasks that have none; they are not escalated until a start succeeds.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
