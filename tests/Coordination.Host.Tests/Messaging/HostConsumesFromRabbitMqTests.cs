using System.Net;
using Coordination.Contracts.Operations;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using MassTransit;

namespace Coordination.Host.Tests.Messaging;

public sealed class HostConsumesFromRabbitMqTests
{
    [Fact]
    public async Task A_message_sent_through_RabbitMQ_is_consumed_by_the_host_process()
    {
        await using var database = await PostgresDatabase.CreateAsync("probe");
        await using var vhost = await RabbitMqVirtualHost.CreateAsync("probe");
        var rabbit = vhost.Broker;
        await using var host = HostProcess.Start(HostSettings.PostgresAndRabbitMq(database.ConnectionString, vhost));
        using var client = new HttpClient { BaseAddress = await host.WaitUntilStartedAsync() };
        await ReadyProbe.WaitForAsync(client, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        // A bus of the test's own, on the same broker: it has no consumer for the probe.
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbit.Host, (ushort)rabbit.Port, vhost.Name, h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var probe = new HostProbe(Guid.NewGuid());
            var requests = bus.CreateRequestClient<HostProbe>(new Uri("queue:host-probe"), RequestTimeout.After(s: 30));
            var answer = await requests.GetResponse<HostProbeAnswered>(probe);

            Assert.Equal(probe.ProbeId, answer.Message.ProbeId);
            Assert.Equal(host.ProcessId, answer.Message.ProcessId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
