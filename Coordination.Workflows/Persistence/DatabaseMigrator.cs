using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Persistence;

/// <summary>Brings a database, empty or older, to the schema this build expects.</summary>
public static class DatabaseMigrator
{
    /// <summary>Applies every pending migration; a no-op on an up-to-date database.</summary>
    /// <returns>The names of the migrations applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(CoordinationDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while the relay and the scheduler write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
