using Coordination.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>
/// The whole host served by Kestrel on 127.0.0.1 (a free port) for a real browser: a fresh
/// PostgreSQL database and RabbitMQ virtual host of its own, the demo users, and a
/// <see cref="ManualClock"/> replacing <see cref="TimeProvider"/> so that journeys move time.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>
{
    /// <summary>A Monday morning in Stockholm (09:00 CET).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly PostgresDatabase database;
    private readonly RabbitMqVirtualHost virtualHost;
    private readonly string data = Path.Combine(Path.GetTempPath(), $"coordination-browser-{Guid.NewGuid():N}");

    private BrowserHost(PostgresDatabase database, RabbitMqVirtualHost virtualHost, DateTimeOffset start)
    {
        this.database = database;
        this.virtualHost = virtualHost;
        Clock = new ManualClock(start);
        UseKestrel(0);
    }

    public ManualClock Clock { get; }

    /// <summary>Where the browser reaches the host, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public static async Task<BrowserHost> StartAsync(string purpose, DateTimeOffset? start = null)
    {
        var database = await PostgresDatabase.CreateAsync(purpose);
        var vhost = await RabbitMqVirtualHost.CreateAsync(purpose);
        var host = new BrowserHost(database, vhost, start ?? DefaultStart);
        host.StartServer();
        await host.WaitUntilReadyAsync();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Database:DataDirectory", data);
        builder.UseSetting("Messaging:Transport", "RabbitMq");
        builder.UseSetting("Messaging:RabbitMq:Host", virtualHost.Broker.Host);
        builder.UseSetting("Messaging:RabbitMq:Port", virtualHost.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Messaging:RabbitMq:VirtualHost", virtualHost.Name);
        builder.UseSetting("Messaging:RabbitMq:Username", "guest");
        builder.UseSetting("Messaging:RabbitMq:Password", "guest");
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(data, "keys"));

        // Quartz keeps schedulers by name for the whole test process.
        builder.UseSetting("Scheduling:SchedulerName", $"browser-{Guid.NewGuid():N}");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await using (Clock.RunFreely())
        {
            await base.DisposeAsync();
        }

        await virtualHost.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    // The demo users are seeded and the bus connected once /health/ready answers 200.
    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host at {BaseAddress} did not become ready within 60 s.");
            }

            await Task.Delay(100);
        }
    }
}
