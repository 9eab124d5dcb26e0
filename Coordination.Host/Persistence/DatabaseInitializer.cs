using Coordination.Host.Identity;
using Coordination.Workflows.Persistence;

namespace Coordination.Host.Persistence;

/// <summary>
/// Migrates the database before any other hosted service starts (the bus and the scheduler
/// need their tables), then seeds the demo data in Development.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes, IHostEnvironment environment, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var applied = await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        if (applied.Count > 0)
        {
            LogMigrated(logger, applied.Count, applied);
        }

        if (environment.IsDevelopment() && configuration.GetValue("Seeding:DemoData", true))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            if (seeded is not null)
            {
                // Printed once, to the console only: the demo password is not for the logs.
                Console.WriteLine(seeded);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogMigrated(ILogger logger, int count, IEnumerable<string> migrations);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
