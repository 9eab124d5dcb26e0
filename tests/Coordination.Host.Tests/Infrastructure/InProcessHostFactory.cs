using Coordination.Host.Tests.Security;
using Coordination.Testing;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// The host in-process with demo data and a clock the test moves: on the embedded default
/// (SQLite in a folder of its own, in-memory bus) when no stack settings are given, or on the
/// PostgreSQL database and RabbitMQ virtual host they name, which are removed with the factory.
/// </summary>
public abstract class InProcessHostFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory data = new();
    private readonly IReadOnlyDictionary<string, string>? stackSettings;
    private readonly IAsyncDisposable[] servers;

    protected InProcessHostFactory(DateTimeOffset start, IReadOnlyDictionary<string, string>? stackSettings, IAsyncDisposable[] servers)
    {
        Clock = new ManualClock(start);
        this.stackSettings = stackSettings;
        this.servers = servers;
    }

    public ManualClock Clock { get; }

    /// <summary>Every error the host logged.</summary>
    public LogSink Logs { get; } = new();

    private Action<IServiceCollection>? testServices;

    /// <summary>Settings of the test's own, applied after the stack's.</summary>
    protected virtual IReadOnlyDictionary<string, string> TestSettings { get; } = new Dictionary<string, string>();

    /// <summary>A database context of the host's own, for arranging and checking rows directly.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<CoordinationDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>());
    }

    /// <summary>The id of the municipality with this code (the demo's Älvby is 9901, Sjöstad 9902).</summary>
    public Task<Guid> MunicipalityIdAsync(string code) =>
        WithDatabaseAsync(db => db.Municipalities.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());

    /// <summary>The id of the user with this e-mail address.</summary>
    public Task<Guid> UserIdAsync(string email) =>
        WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>The audit entries of one action, in the order they were written.</summary>
    public Task<List<AuditEntry>> AuditAsync(AuditAction action) =>
        WithDatabaseAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync());

    /// <summary>Services of the test's own (an interceptor, say), added before the host first starts.</summary>
    protected void AddTestServices(Action<IServiceCollection> configure) => testServices += configure;

    /// <summary>A fresh PostgreSQL database and RabbitMQ virtual host for <paramref name="purpose"/>, and the settings that name them.</summary>
    protected static async Task<(Dictionary<string, string> Settings, IAsyncDisposable[] Servers)> PostgresAndRabbitMqAsync(string purpose)
    {
        var database = await PostgresDatabase.CreateAsync(purpose);
        var vhost = await RabbitMqVirtualHost.CreateAsync(purpose);
        return (HostSettings.PostgresAndRabbitMq(database.ConnectionString, vhost), [vhost, database]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in (stackSettings ?? HostSettings.EmbeddedDefault(data.Path)).Concat(TestSettings))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(data.Path, "keys"));

        // Quartz keeps schedulers by name for the whole test process.
        builder.UseSetting("Scheduling:SchedulerName", $"test-{Guid.NewGuid():N}");

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddTransient<IStartupFilter, UnhandledExceptionHeader>();
            testServices?.Invoke(services);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        // Time goes on while the host stops (ManualClock.RunFreely says why).
        await using (Clock.RunFreely())
        {
            await base.DisposeAsync();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        data.Dispose();
        GC.SuppressFinalize(this);
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
