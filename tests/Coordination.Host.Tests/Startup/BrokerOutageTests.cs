using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;

namespace Coordination.Host.Tests.Startup;

/// <summary>Stops a broker: runs against a private RabbitMQ node so no other test loses its broker.</summary>
public sealed class BrokerOutageTests
{
    private const int PrivateBrokerPort = 5691;

    [Fact]
    public async Task Ready_reports_the_bus_unhealthy_by_name_while_RabbitMQ_is_down_and_recovers_when_it_returns()
    {
        await using var broker = await RabbitMqNode.StartAsync(PrivateBrokerPort);
        await using var database = await PostgresDatabase.CreateAsync("outage");
        var settings = HostSettings.PostgresAndRabbitMq(database.ConnectionString, broker.Uri);

        // An endpoint whose reconnect MassTransit 8.4.0 gave up on is restarted within the wait below (ADR 0021).
        settings["Runtime:EndpointRestartAfter"] = "00:00:20";
        await using var host = HostProcess.Start(settings);
        using var client = new HttpClient { BaseAddress = await host.WaitUntilStartedAsync() };
        await ReadyProbe.WaitForAsync(client, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        await broker.StopAsync();
        var down = await ReadyProbe.WaitForAsync(client, r => r.Checks["bus"] == "Unhealthy", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Healthy", down.Checks["database"]);
        Assert.Equal("Healthy", down.Checks["scheduler"]);

        await broker.StartAgainAsync();
        var up = await ReadyProbe.WaitForAsync(client, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        Assert.Equal("Healthy", up.Checks["bus"]);
    }
}
