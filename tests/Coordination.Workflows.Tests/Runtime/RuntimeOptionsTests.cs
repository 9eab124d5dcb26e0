using Coordination.Workflows.Runtime;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>The runtime's settings as the host gets them: validated by name, and handed to MassTransit.</summary>
public sealed class RuntimeOptionsTests
{
    [Fact]
    public void The_consumer_stop_timeout_becomes_MassTransits_unless_the_host_set_its_own()
    {
        using var defaults = Provider(o => o.ConsumerStopTimeout = TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), defaults.GetRequiredService<IOptions<MassTransitHostOptions>>().Value.ConsumerStopTimeout);

        using var own = Provider(o => o.ConsumerStopTimeout = TimeSpan.FromSeconds(7), host => host.ConsumerStopTimeout = TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), own.GetRequiredService<IOptions<MassTransitHostOptions>>().Value.ConsumerStopTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_consumer_stop_timeout_that_is_not_positive_is_refused_by_name(int seconds)
    {
        var result = new RuntimeOptionsValidator().Validate(null, new RuntimeOptions { ConsumerStopTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        Assert.Contains("Runtime:ConsumerStopTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void An_endpoint_restart_sooner_than_a_reconnect_takes_is_refused_by_name(int seconds)
    {
        var result = new RuntimeOptionsValidator().Validate(null, new RuntimeOptions { EndpointRestartAfter = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        Assert.Contains("Runtime:EndpointRestartAfter", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(new RuntimeOptionsValidator().Validate(null, new RuntimeOptions { EndpointRestartAfter = TimeSpan.FromSeconds(4) }).Failed);
    }

    private static ServiceProvider Provider(Action<RuntimeOptions> runtime, Action<MassTransitHostOptions>? host = null)
    {
        var services = new ServiceCollection();
        if (host is not null)
        {
            services.AddOptions<MassTransitHostOptions>().Configure(host);
        }

        services.AddCoordinationRuntime(runtime);
        return services.BuildServiceProvider();
    }
}
