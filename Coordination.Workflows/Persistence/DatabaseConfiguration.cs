using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coordination.Workflows.Persistence;

/// <summary>Points a context at the configured engine, the same way for the host, tests and tools.</summary>
public static class DatabaseConfiguration
{
    public static DbContextOptionsBuilder UseCoordinationDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString),
            DatabaseProvider.Postgres => options.UseNpgsql(PostgresConnectionDefaults.Apply(connectionString)).AddInterceptors(SagaRowLock.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

        // Migrations are written by hand without a model snapshot (ADR 0006); the migration
        // test compares the migrated schema with the model instead of EF's snapshot check.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
