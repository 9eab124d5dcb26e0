using Coordination.Workflows.Persistence;
using Microsoft.Extensions.Configuration;

namespace Coordination.CrashHost;

/// <summary>What the test tells the host, as configuration keys (environment variables from <c>HostProcess</c>).</summary>
public sealed record CrashHostSettings(DatabaseProvider Provider, string ConnectionString, Uri? RabbitMq, string SchedulerName, int Raise)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "Database:ConnectionString";

    /// <summary>amqp://user:password@host:port/vhost; absent means the in-memory transport.</summary>
    public const string RabbitMqKey = "Messaging:RabbitMq";
    public const string SchedulerNameKey = "Scheduling:SchedulerName";

    /// <summary>How many cases to raise once the host has started (the first start only).</summary>
    public const string RaiseKey = "Crash:Raise";

    public static CrashHostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new CrashHostSettings(
            Enum.Parse<DatabaseProvider>(Required(configuration, ProviderKey), ignoreCase: true),
            Required(configuration, ConnectionStringKey),
            configuration[RabbitMqKey] is { Length: > 0 } rabbit ? new Uri(rabbit) : null,
            Required(configuration, SchedulerNameKey),
            int.Parse(configuration[RaiseKey] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"{key} is required.");
}
