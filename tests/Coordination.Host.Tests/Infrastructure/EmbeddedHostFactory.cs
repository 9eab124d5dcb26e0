using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// The host in-process with demo data and a clock the test moves: on the embedded default
/// (SQLite in a folder of its own, in-memory bus), or on a fresh PostgreSQL database and a
/// RabbitMQ virtual host of its own, both removed when the factory is disposed.
/// </summary>
public sealed class EmbeddedHostFactory : InProcessHostFactory
{
    /// <summary>A Monday morning in Stockholm (09:00 CET).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public EmbeddedHostFactory()
        : this(DefaultStart, null, [])
    {
    }

    private EmbeddedHostFactory(DateTimeOffset start, IReadOnlyDictionary<string, string>? stackSettings, IAsyncDisposable[] servers)
        : base(start, stackSettings, servers)
    {
    }

    /// <summary>Services of the test's own (an interceptor, say), added before the host first starts.</summary>
    public EmbeddedHostFactory WithServices(Action<IServiceCollection> configure)
    {
        AddTestServices(configure);
        return this;
    }

    /// <summary>SQLite and the in-memory bus, with the clock at <paramref name="start"/>.</summary>
    public static EmbeddedHostFactory OnSqliteAndInMemory(DateTimeOffset start) => new(start, null, []);

    /// <summary>
    /// A fresh PostgreSQL database and RabbitMQ virtual host (<c>COORDINATION_TEST_POSTGRES</c>,
    /// <c>COORDINATION_TEST_RABBITMQ</c>), with the clock at <paramref name="start"/>.
    /// </summary>
    public static async Task<EmbeddedHostFactory> OnPostgresAndRabbitMqAsync(string purpose, DateTimeOffset start)
    {
        var (settings, servers) = await PostgresAndRabbitMqAsync(purpose);
        return new EmbeddedHostFactory(start, settings, servers);
    }

    /// <summary>The host on the stack a theory row names, with the clock at <see cref="DefaultStart"/>.</summary>
    public static async Task<EmbeddedHostFactory> CreateAsync(HostBackend backend, string purpose) =>
        backend == HostBackend.SqliteInMemory
            ? OnSqliteAndInMemory(DefaultStart)
            : await OnPostgresAndRabbitMqAsync(purpose, DefaultStart);
}
