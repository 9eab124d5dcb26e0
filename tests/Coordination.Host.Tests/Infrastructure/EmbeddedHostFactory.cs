using Coordination.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>
/// The host in-process on the embedded default (SQLite in a folder of its own, in-memory bus)
/// with demo data and a clock the test moves.
/// </summary>
public sealed class EmbeddedHostFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory data = new();

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in HostSettings.EmbeddedDefault(data.Path))
        {
            builder.UseSetting(key, value);
        }

        // Quartz keeps schedulers by name for the whole test process.
        builder.UseSetting("Scheduling:SchedulerName", $"test-{Guid.NewGuid():N}");

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
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
