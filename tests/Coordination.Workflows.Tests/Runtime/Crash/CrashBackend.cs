using Coordination.CrashHost;
using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Microsoft.Data.Sqlite;

namespace Coordination.Workflows.Tests.Runtime.Crash;

/// <summary>A database (and broker virtual host) of the crash test's own, kept across the kill and the restart.</summary>
public sealed class CrashBackend : IAsyncDisposable
{
    private readonly Func<ValueTask> dispose;

    private CrashBackend(DatabaseProvider provider, string connectionString, Uri? rabbitMq, Func<ValueTask> dispose)
    {
        Provider = provider;
        ConnectionString = connectionString;
        RabbitMq = rabbitMq;
        this.dispose = dispose;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Null for the in-memory transport.</summary>
    public Uri? RabbitMq { get; }

    /// <summary>Quartz keeps jobs under the scheduler's name, so both host processes use this one.</summary>
    public string SchedulerName { get; } = "crash";

    public static async Task<CrashBackend> SqliteInMemoryAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coordination-crash-{Guid.NewGuid():N}.db");
        var backend = new CrashBackend(DatabaseProvider.Sqlite, $"Data Source={path}", null, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        });
        await CrashDbContext.PrepareAsync(backend.Provider, backend.ConnectionString);
        return backend;
    }

    public static async Task<CrashBackend> PostgresRabbitMqAsync()
    {
        var database = await PostgresDatabase.CreateAsync("crash");
        var virtualHost = await RabbitMqVirtualHost.CreateAsync("crash");
        var broker = virtualHost.Broker;
        var uri = new UriBuilder(broker) { Path = "/" + Uri.EscapeDataString(virtualHost.Name) }.Uri;
        var backend = new CrashBackend(DatabaseProvider.Postgres, database.ConnectionString, uri, async () =>
        {
            await virtualHost.DisposeAsync();
            await database.DisposeAsync();
        });
        await CrashDbContext.PrepareAsync(backend.Provider, backend.ConnectionString);
        return backend;
    }

    /// <summary>The child host's settings; <paramref name="raise"/> cases are raised once it has started.</summary>
    public Dictionary<string, string> HostSettings(int raise)
    {
        var settings = new Dictionary<string, string>
        {
            [CrashHostSettings.ProviderKey] = Provider.ToString(),
            [CrashHostSettings.ConnectionStringKey] = ConnectionString,
            [CrashHostSettings.SchedulerNameKey] = SchedulerName,
            [CrashHostSettings.RaiseKey] = raise.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // The killed host's relay lease must expire before the new one delivers; the
            // default (30 s) would only make the test wait longer.
            ["Runtime:RelayLeaseDuration"] = "00:00:05",
            ["Runtime:RelayPollInterval"] = "00:00:00.500",
        };
        if (RabbitMq is { } rabbit)
        {
            settings[CrashHostSettings.RabbitMqKey] = rabbit.ToString();
        }

        return settings;
    }

    public CrashDbContext CreateDbContext() => new(CrashDbContext.OptionsFor(Provider, ConnectionString));

    public ValueTask DisposeAsync() => dispose();
}
