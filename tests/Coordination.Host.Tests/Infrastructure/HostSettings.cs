using Coordination.Testing;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>Settings for the two stacks the host runs on.</summary>
internal static class HostSettings
{
    public static Dictionary<string, string> EmbeddedDefault(string dataDirectory) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataDirectory"] = dataDirectory,
        ["Messaging:Transport"] = "InMemory",
    };

    public static Dictionary<string, string> PostgresAndRabbitMq(string postgresConnectionString, RabbitMqVirtualHost rabbitMq) =>
        PostgresAndRabbitMq(postgresConnectionString, rabbitMq.Broker, rabbitMq.Name);

    public static Dictionary<string, string> PostgresAndRabbitMq(string postgresConnectionString, Uri rabbitMq, string virtualHost = "/") => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = postgresConnectionString,
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RabbitMq:Host"] = rabbitMq.Host,
        ["Messaging:RabbitMq:Port"] = rabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:RabbitMq:VirtualHost"] = virtualHost,
        ["Messaging:RabbitMq:Username"] = "guest",
        ["Messaging:RabbitMq:Password"] = "guest",
    };
}
