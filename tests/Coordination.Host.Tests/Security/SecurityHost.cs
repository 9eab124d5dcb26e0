using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The host in-process with demo data, a clock the test moves and settings of the test's own
/// (rate limits, retention periods): SQLite and the in-memory bus, or a fresh PostgreSQL
/// database and RabbitMQ virtual host.
/// </summary>
public sealed class SecurityHost : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory data = new();
    private readonly Dictionary<string, string> settings;
    private readonly IAsyncDisposable[] servers;

    private SecurityHost(Dictionary<string, string> settings, IAsyncDisposable[] servers)
    {
        this.settings = settings;
        this.servers = servers;
    }

    public ManualClock Clock { get; } = new(EmbeddedHostFactory.DefaultStart);

    /// <summary>Every error the host logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>SQLite and the in-memory bus; rate limits high enough that only a test about them meets them.</summary>
    public static SecurityHost OnSqlite(IReadOnlyDictionary<string, string>? extra = null) =>
        new(Merge(HostSettings.EmbeddedDefault("(data)"), extra), []);

    public static async Task<SecurityHost> CreateAsync(HostBackend backend, string purpose, IReadOnlyDictionary<string, string>? extra = null)
    {
        if (backend == HostBackend.SqliteInMemory)
        {
            return OnSqlite(extra);
        }

        var database = await PostgresDatabase.CreateAsync(purpose);
        var vhost = await RabbitMqVirtualHost.CreateAsync(purpose);
        return new SecurityHost(Merge(HostSettings.PostgresAndRabbitMq(database.ConnectionString, vhost), extra), [vhost, database]);
    }

    /// <summary>A database context of the host's own, for arranging and checking rows directly.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<CoordinationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value == "(data)" ? data.Path : value);
        }

        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(data.Path, "keys"));
        builder.UseSetting("Scheduling:SchedulerName", $"test-{Guid.NewGuid():N}");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
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

    private static Dictionary<string, string> Merge(Dictionary<string, string> stack, IReadOnlyDictionary<string, string>? extra)
    {
        stack["Security:SignInPermitsPerMinute"] = "100000";
        stack["Security:ApiPermitsPerMinute"] = "1000000";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            stack[key] = value;
        }

        return stack;
    }
}
