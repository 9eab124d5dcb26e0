using Coordination.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The in-process host with settings of the test's own (retention periods, say) and rate limits
/// high enough that only a test about them meets them: SQLite and the in-memory bus, or a fresh
/// PostgreSQL database and RabbitMQ virtual host.
/// </summary>
public sealed class SecurityHost : InProcessHostFactory
{
    private readonly Dictionary<string, string> testSettings = new()
    {
        ["Security:SignInPermitsPerMinute"] = "100000",
        ["Security:ApiPermitsPerMinute"] = "1000000",
    };

    private SecurityHost(IReadOnlyDictionary<string, string>? stackSettings, IAsyncDisposable[] servers, IReadOnlyDictionary<string, string>? extra)
        : base(EmbeddedHostFactory.DefaultStart, stackSettings, servers)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            testSettings[key] = value;
        }
    }

    protected override IReadOnlyDictionary<string, string> TestSettings => testSettings;

    /// <summary>Services of the test's own (an interceptor, say), added before the host first starts.</summary>
    public SecurityHost WithServices(Action<IServiceCollection> configure)
    {
        AddTestServices(configure);
        return this;
    }

    /// <summary>SQLite and the in-memory bus.</summary>
    public static SecurityHost OnSqlite(IReadOnlyDictionary<string, string>? extra = null) => new(null, [], extra);

    public static async Task<SecurityHost> CreateAsync(HostBackend backend, string purpose, IReadOnlyDictionary<string, string>? extra = null)
    {
        if (backend == HostBackend.SqliteInMemory)
        {
            return OnSqlite(extra);
        }

        var (settings, servers) = await PostgresAndRabbitMqAsync(purpose);
        return new SecurityHost(settings, servers, extra);
    }
}
