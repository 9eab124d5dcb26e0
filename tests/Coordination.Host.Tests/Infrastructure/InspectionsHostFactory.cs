using Coordination.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// The host in-process with demo data and a clock the test moves, on either stack: the embedded
/// default, or a fresh PostgreSQL database and RabbitMQ virtual host of its own.
/// </summary>
public sealed class InspectionsHostFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory data = new();
    private readonly Dictionary<string, string> settings;
    private readonly PostgresDatabase? database;
    private readonly RabbitMqVirtualHost? virtualHost;

    private InspectionsHostFactory(Dictionary<string, string> settings, PostgresDatabase? database, RabbitMqVirtualHost? virtualHost)
    {
        this.settings = settings;
        this.database = database;
        this.virtualHost = virtualHost;
    }

    /// <summary>Monday 23 November 2026, 09:00 in Stockholm.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public static async Task<InspectionsHostFactory> CreateAsync(HostBackend backend)
    {
        if (backend == HostBackend.SqliteInMemory)
        {
            return new InspectionsHostFactory([], null, null);
        }

        var database = await PostgresDatabase.CreateAsync("inspections");
        var virtualHost = await RabbitMqVirtualHost.CreateAsync("inspections");
        return new InspectionsHostFactory(HostSettings.PostgresAndRabbitMq(database.ConnectionString, virtualHost), database, virtualHost);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var effective = settings.Count == 0 ? HostSettings.EmbeddedDefault(data.Path) : settings;
        foreach (var (key, value) in effective)
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
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (virtualHost is not null)
        {
            await virtualHost.DisposeAsync();
        }

        data.Dispose();
    }
}
