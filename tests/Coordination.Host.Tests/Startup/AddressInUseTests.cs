using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;

namespace Coordination.Host.Tests.Startup;

public sealed class AddressInUseTests
{
    [Fact]
    public async Task A_taken_address_stops_the_host_with_one_line_naming_it_and_no_stack_trace()
    {
        using var data = new TemporaryDirectory();
        using var otherProgram = new TcpListener(IPAddress.Loopback, 0);
        otherProgram.Start();
        var port = ((IPEndPoint)otherProgram.LocalEndpoint).Port;
        var address = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

        await using var host = HostProcess.Start(HostSettings.EmbeddedDefault(data.Path), "--urls", address);
        var exitCode = await host.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        var message = Assert.Single(host.ErrorOutput.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(address, message, StringComparison.Ordinal);
        Assert.Contains("--urls", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);

        // It stopped before touching the data: a second copy must not migrate or run timers.
        Assert.False(File.Exists(Path.Combine(data.Path, "coordination.db")));
    }
}
