using Coordination.Host.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coordination.Host;

/// <summary>Tells the person who started the service where to open it and where its data lives.</summary>
internal sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, DatabaseSettings database, MessagingSettings messaging) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Coordination is running. Open: {string.Join(", ", addresses)}");
            Console.WriteLine(database.DataDirectory is { } data
                ? $"Database: SQLite in {data}"
                : "Database: PostgreSQL");
            Console.WriteLine($"Messaging: {messaging.Transport}");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
