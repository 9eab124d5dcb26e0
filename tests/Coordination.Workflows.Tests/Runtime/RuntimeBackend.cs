using Coordination.Testing;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>A fresh database, migrated, with the test tables, and the transport that goes with it.</summary>
public abstract class RuntimeBackend : IAsyncDisposable
{
    protected RuntimeBackend(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        Options = builder.Options;
    }

    /// <summary>Unique per test, so tests on one broker can run in parallel.</summary>
    public string Prefix { get; } = $"rt{Guid.NewGuid():N}"[..14];

    public DbContextOptions<CoordinationDbContext> Options { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public RuntimeTestDbContext CreateDbContext() => new(Options);

    public abstract void UseTransport(IBusRegistrationConfigurator bus);

    /// <summary>The address to send to a receive endpoint's queue, declared as the endpoint declares it.</summary>
    public virtual Uri QueueAddress(string queue) => new($"queue:{queue}");

    public abstract ValueTask DisposeAsync();

    protected async Task PrepareAsync()
    {
        await using (var production = new CoordinationDbContext(Options))
        {
            await DatabaseMigrator.MigrateAsync(production, CancellationToken.None);
        }

        await using var db = CreateDbContext();
        await db.CreateTestTablesAsync();
    }
}

public sealed class SqliteInMemoryBackend : RuntimeBackend
{
    private readonly string path;

    private SqliteInMemoryBackend(string path)
        : base(DatabaseProvider.Sqlite, $"Data Source={path}") => this.path = path;

    public static async Task<RuntimeBackend> CreateAsync()
    {
        var backend = new SqliteInMemoryBackend(Path.Combine(Path.GetTempPath(), $"coordination-runtime-{Guid.NewGuid():N}.db"));
        await backend.PrepareAsync();
        return backend;
    }

    public override void UseTransport(IBusRegistrationConfigurator bus) =>
        bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));

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

public sealed class PostgresRabbitMqBackend : RuntimeBackend
{
    private readonly PostgresDatabase database;
    private readonly Uri rabbitMq;
    private readonly bool durable;

    private PostgresRabbitMqBackend(PostgresDatabase database, Uri rabbitMq, bool durable)
        : base(DatabaseProvider.Postgres, database.ConnectionString)
    {
        this.database = database;
        this.rabbitMq = rabbitMq;
        this.durable = durable;
    }

    public static Task<RuntimeBackend> CreateAsync() => CreateAsync(TestEnvironment.RabbitMqUri, durable: false);

    /// <param name="rabbitMq">The broker; a private node for tests that stop it.</param>
    /// <param name="durable">Durable queues, as in production, survive a broker restart; the shared broker gets throw-away ones.</param>
    public static async Task<RuntimeBackend> CreateAsync(Uri rabbitMq, bool durable)
    {
        var backend = new PostgresRabbitMqBackend(await PostgresDatabase.CreateAsync("runtime"), rabbitMq, durable);
        await backend.PrepareAsync();
        return backend;
    }

    public override void UseTransport(IBusRegistrationConfigurator bus)
    {
        // On the shared broker the test's queues go away with its bus.
        bus.AddConfigureEndpointsCallback((_, endpoint) =>
        {
            if (!durable && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }
        });
        var credentials = rabbitMq.UserInfo.Split(':', 2);
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(rabbitMq.Host, (ushort)rabbitMq.Port, "/", h =>
            {
                h.Username(Uri.UnescapeDataString(credentials[0]));
                h.Password(Uri.UnescapeDataString(credentials[1]));
            });
            cfg.ConfigureEndpoints(context);
        });
    }

    public override Uri QueueAddress(string queue) => durable ? new($"queue:{queue}") : new($"queue:{queue}?durable=false&autodelete=true");

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}
