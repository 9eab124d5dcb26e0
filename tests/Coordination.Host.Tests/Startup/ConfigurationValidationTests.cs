using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;

namespace Coordination.Host.Tests.Startup;

public sealed class ConfigurationValidationTests
{
    public static TheoryData<string, string, string> WrongSettings => new()
    {
        { "Database:Provider", "Oracle", "Invalid setting Database:Provider: 'Oracle' is not one of Sqlite, Postgres." },
        { "Database:Provider", "Postgres", "Invalid setting Database:ConnectionString: required when Database:Provider is Postgres." },
        { "Messaging:Transport", "Kafka", "Invalid setting Messaging:Transport: 'Kafka' is not one of InMemory, RabbitMq." },
        { "Messaging:Transport", "RabbitMq", "Invalid setting Messaging:RabbitMq:Host: required." },
        { "Security:PasswordLinkLifetime", "31.00:00:00", "Invalid setting Security:PasswordLinkLifetime: '31.00:00:00' is longer than 30 days." },
        { "Security:PasswordLinkLifetime", "-1.00:00:00", "Invalid setting Security:PasswordLinkLifetime: '-1.00:00:00' is not a positive duration such as 00:05:00." },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_stops_the_host_with_a_line_naming_it(string key, string value, string expectedLine)
    {
        using var data = new TemporaryDirectory();
        var settings = HostSettings.EmbeddedDefault(data.Path);
        settings[key] = value;

        await using var host = HostProcess.Start(settings);
        var exitCode = await host.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expectedLine, host.Output.Split(Environment.NewLine));
    }

    [Fact]
    public async Task A_port_out_of_range_is_named()
    {
        using var data = new TemporaryDirectory();
        var settings = HostSettings.PostgresAndRabbitMq("Host=127.0.0.1;Database=x", new Uri("amqp://127.0.0.1:5672/"));
        settings["Messaging:RabbitMq:Port"] = "99999";

        await using var host = HostProcess.Start(settings);

        Assert.Equal(2, await host.WaitForExitAsync());
        Assert.Contains("Invalid setting Messaging:RabbitMq:Port: '99999' is not a whole number from 1 to 65535.", host.Output, StringComparison.Ordinal);
    }
}
