using Coordination.Bench.Workload;
using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Bench.Backends;

/// <summary>A fresh database, migrated, with the benchmark's tables, and the transport that goes with it.</summary>
public abstract class BenchBackend : IAsyncDisposable
{
    protected BenchBackend(string name, DatabaseProvider provider, string connectionString)
    {
        Name = name;
        Provider = provider;
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        Options = builder.Options;
    }

    /// <summary>How the stack is named in the results table.</summary>
    public string Name { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public DbContextOptions<CoordinationDbContext> Options { get; }

    public BenchDbContext CreateDbContext() => new(Options);

    /// <summary>Configures the transport; <paramref name="observe"/> adds the harness's own endpoint.</summary>
    public abstract void UseTransport(IBusRegistrationConfigurator bus, Action<IBusRegistrationContext, IReceiveConfigurator> observe);

    public abstract ValueTask DisposeAsync();

    protected async Task PrepareAsync()
    {
        await using (var production = new CoordinationDbContext(Options))
        {
            await DatabaseMigrator.MigrateAsync(production, CancellationToken.None);
        }

        await using var db = CreateDbContext();
        await db.CreateBenchTablesAsync();
    }
}
