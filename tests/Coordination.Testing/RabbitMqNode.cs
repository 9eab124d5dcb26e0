namespace Coordination.Testing;

/// <summary>
/// A private RabbitMQ node on its own port, started with deploy/rabbitmq.sh, for tests that
/// stop and start the broker without disturbing the shared one.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private RabbitMqNode(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<RabbitMqNode> StartAsync(int port)
    {
        var node = new RabbitMqNode(port);
        await node.StartAgainAsync();
        return node;
    }

    public Task StopAsync() => DeployScript.RunAsync("rabbitmq.sh", Port, "stop");

    public Task StartAgainAsync() => DeployScript.RunAsync("rabbitmq.sh", Port, "start");

    public async ValueTask DisposeAsync() => await StopAsync();
}
