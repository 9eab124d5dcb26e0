using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.Data.Sqlite;

namespace Coordination.Bench.Backends;

/// <summary>The embedded default: a SQLite file and the in-memory transport.</summary>
public sealed class SqliteInMemoryBackend : BenchBackend
{
    private readonly string path;

    private SqliteInMemoryBackend(string path)
        : base("SQLite + in-memory", DatabaseProvider.Sqlite, $"Data Source={path}") => this.path = path;

    public static async Task<BenchBackend> CreateAsync()
    {
        var stack = new SqliteInMemoryBackend(Path.Combine(Path.GetTempPath(), $"coordination-bench-{Guid.NewGuid():N}.db"));
        await stack.PrepareAsync();
        return stack;
    }

    public override void UseTransport(IBusRegistrationConfigurator bus, Action<IBusRegistrationContext, IReceiveConfigurator> observe) =>
        bus.UsingInMemory((context, cfg) =>
        {
            observe(context, cfg);
            cfg.ConfigureEndpoints(context);
        });

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
