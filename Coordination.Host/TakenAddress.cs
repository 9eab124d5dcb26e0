using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Coordination.Host;

/// <summary>
/// An address in the setting <c>Urls</c> that another program already listens on, typically a
/// second copy of the service. Found before anything starts: Kestrel finds it only after the
/// database was migrated and the bus and the scheduler started, and reports it as a stack trace.
/// </summary>
internal sealed class TakenAddress
{
    private TakenAddress(BindingAddress address, string url)
    {
        var otherPort = address.Port < IPEndPoint.MaxPort ? address.Port + 1 : address.Port - 1;
        Message = string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot listen on {url}: the address is already in use (is Coordination already running?). "
            + $"Choose another with --urls, e.g. dotnet run --project Coordination.Host -- --urls {address.Scheme}://{address.Host}:{otherPort}, or with the setting Urls.");
    }

    /// <summary>One line for the person who started the service: the address and how to pick another.</summary>
    public string Message { get; }

    /// <summary>The first address in <c>Urls</c> that is already in use; null when all are free or cannot be checked.</summary>
    public static TakenAddress? Find(IConfiguration configuration)
    {
        // Kestrel ignores Urls when endpoints are configured in its own section.
        if (configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return null;
        }

        var urls = configuration[WebHostDefaults.ServerUrlsKey] ?? "";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            if (!address.IsUnixPipe && !address.IsNamedPipe && address.Port != 0 && EndPointsKestrelBinds(address).Any(IsInUse))
            {
                return new TakenAddress(address, url);
            }
        }

        return null;
    }

    // The same choice Kestrel makes: both loopbacks for localhost, the address itself for an IP,
    // and for any other host name every interface (IPv6 in dual mode, else IPv4).
    private static IPEndPoint[] EndPointsKestrelBinds(BindingAddress address)
    {
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [new IPEndPoint(IPAddress.Loopback, address.Port), new IPEndPoint(IPAddress.IPv6Loopback, address.Port)];
        }

        return IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip)
            ? [new IPEndPoint(ip, address.Port)]
            : [new IPEndPoint(IPAddress.IPv6Any, address.Port), new IPEndPoint(IPAddress.Any, address.Port)];
    }

    private static bool IsInUse(IPEndPoint endPoint)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            return false;
        }
        catch (SocketException e)
        {
            // Any other failure (no IPv6, an address not on this machine) is Kestrel's to report.
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse;
        }
    }
}
