using Coordination.Workflows.Persistence;
using Quartz;

namespace Coordination.Host.Persistence;

/// <summary><c>dotnet run --project Coordination.Host -- migrate</c>: for operators who migrate before deploying.</summary>
internal static class MigrateCommand
{
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
        Console.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");

        // Creating the scheduler provisions its tables without starting it.
        var scheduler = await scope.ServiceProvider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Shutdown(waitForJobsToComplete: false);
        Console.WriteLine("The scheduler's tables are in place.");
        return 0;
    }
}
