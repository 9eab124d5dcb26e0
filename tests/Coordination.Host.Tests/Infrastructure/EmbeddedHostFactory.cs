using Coordination.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// The host in-process with demo data and a clock the test moves: on the embedded default
/// (SQLite in a folder of its own, in-memory bus), or on a fresh PostgreSQL database and a
/// RabbitMQ virtual host of its own, both removed when the factory is disposed.
/// </summary>
public sealed class EmbeddedHostFactory : WebApplicationFactory<Program>
{
    /// <summary>A Monday morning in Stockholm (09:00 CET).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory data = new();
    private readonly IReadOnlyDictionary<string, string>? stackSettings;
    private readonly IAsyncDisposable[] servers;

    public EmbeddedHostFactory()
        : this(DefaultStart, null, [])
    {
    }

    private EmbeddedHostFactory(DateTimeOffset start, IReadOnlyDictionary<string, string>? stackSettings, IAsyncDisposable[] servers)
    {
        Clock = new ManualClock(start);
        this.stackSettings = stackSettings;
        this.servers = servers;
    }

    public ManualClock Clock { get; }

    /// <summary>SQLite and the in-memory bus, with the clock at <paramref name="start"/>.</summary>
    public static EmbeddedHostFactory OnSqliteAndInMemory(DateTimeOffset start) => new(start, null, []);

    /// <summary>
    /// A fresh PostgreSQL database and RabbitMQ virtual host (<c>COORDINATION_TEST_POSTGRES</c>,
    /// <c>COORDINATION_TEST_RABBITMQ</c>), with the clock at <paramref name="start"/>.
    /// </summary>
    public static async Task<EmbeddedHostFactory> OnPostgresAndRabbitMqAsync(string purpose, DateTimeOffset start)
    {
        var database = await PostgresDatabase.CreateAsync(purpose);
        var vhost = await RabbitMqVirtualHost.CreateAsync(purpose);
        return new EmbeddedHostFactory(start, HostSettings.PostgresAndRabbitMq(database.ConnectionString, vhost), [vhost, database]);
    }

    /// <summary>The host on the stack a theory row names, with the clock at <see cref="DefaultStart"/>.</summary>
    public static async Task<EmbeddedHostFactory> CreateAsync(HostBackend backend, string purpose) =>
        backend == HostBackend.SqliteInMemory
            ? OnSqliteAndInMemory(DefaultStart)
            : await OnPostgresAndRabbitMqAsync(purpose, DefaultStart);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = stackSettings ?? HostSettings.EmbeddedDefault(data.Path);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(data.Path, "keys"));

        // Quartz keeps schedulers by name for the whole test process.
        builder.UseSetting("Scheduling:SchedulerName", $"test-{Guid.NewGuid():N}");

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        data.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            data.Dispose();
        }
    }
}
