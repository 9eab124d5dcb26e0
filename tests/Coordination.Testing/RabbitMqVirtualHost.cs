namespace Coordination.Testing;

/// <summary>
/// A virtual host of one test's own on the shared test broker: its exchanges and queues are
/// invisible to every other test, so hosts running in parallel never consume each other's messages.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private RabbitMqVirtualHost(Uri broker, string name)
    {
        Broker = broker;
        Name = name;
    }

    public Uri Broker { get; }

    public string Name { get; }

    public static async Task<RabbitMqVirtualHost> CreateAsync(string purpose)
    {
        var broker = TestEnvironment.RabbitMqUri;
        var name = $"{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray())}-{Guid.NewGuid():N}";
        await DeployScript.RunAsync("rabbitmq.sh", broker.Port, "add-vhost", name);
        return new RabbitMqVirtualHost(broker, name);
    }

    public async ValueTask DisposeAsync() => await DeployScript.RunAsync("rabbitmq.sh", Broker.Port, "delete-vhost", Name);
}
