namespace Coordination.Host.Configuration;

/// <summary>The message transport: in memory (embedded default) or RabbitMQ (production).</summary>
public enum MessagingTransport
{
    InMemory = 1,
    RabbitMq = 2,
}

/// <summary>The <c>Messaging</c> section, checked.</summary>
public sealed record MessagingSettings(MessagingTransport Transport, RabbitMqSettings? RabbitMq)
{
    public const string Section = "Messaging";

    public static MessagingSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var transport = SettingReader.Enum<MessagingTransport>(section, "Transport", MessagingTransport.InMemory);
        return transport == MessagingTransport.RabbitMq
            ? new MessagingSettings(transport, RabbitMqSettings.Read(section.GetSection("RabbitMq")))
            : new MessagingSettings(transport, null);
    }
}

/// <summary>Where the RabbitMQ broker is and how to log in.</summary>
public sealed record RabbitMqSettings(string Host, int Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqSettings Read(IConfigurationSection section) => new(
        SettingReader.Required(section, "Host"),
        SettingReader.Int(section, "Port", 5672, 1, 65535),
        section["VirtualHost"] is { Length: > 0 } vhost ? vhost : "/",
        SettingReader.Required(section, "Username"),
        SettingReader.Required(section, "Password"));
}
