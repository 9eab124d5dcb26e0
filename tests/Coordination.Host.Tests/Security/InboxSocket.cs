using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The live task inbox as the page's script opens it: a WebSocket to the hub with the browser's
/// cookie, SignalR's JSON protocol, frames ended by the record separator.
/// </summary>
internal sealed class InboxSocket : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly WebSocket socket;
    private readonly StringBuilder pending = new();

    private InboxSocket(WebSocket socket) => this.socket = socket;

    /// <summary>The session cookie a browser holds after signing in, as a Cookie header.</summary>
    public static async Task<string> CookieAsync(SecurityHost host, string email)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email, password = ApiUsers.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>Connects and completes the handshake; throws if the host refuses the connection.</summary>
    public static async Task<InboxSocket> OpenAsync(InProcessHostFactory host, string cookie)
    {
        var client = host.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Cookie = cookie;
        var socket = await client.ConnectAsync(new Uri(host.Server.BaseAddress, "hubs/tasks"), CancellationToken.None);
        var inbox = new InboxSocket(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + Separator), WebSocketMessageType.Text, true, CancellationToken.None);
        var handshake = await inbox.NextFrameAsync() ?? throw new InvalidOperationException("The hub closed the connection during the handshake.");
        if (handshake != "{}")
        {
            throw new InvalidOperationException($"The hub refused the handshake: {handshake}");
        }

        return inbox;
    }

    /// <summary>The next frame other than a ping, or null once the host has closed the connection (its close frame, type 7, or the socket's end).</summary>
    public async Task<string?> NextFrameAsync()
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = pending.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                pending.Remove(0, end + 1);
                var frame = text[..end];
                if (frame.StartsWith("{\"type\":7", StringComparison.Ordinal))
                {
                    return null;
                }

                if (frame != "{\"type\":6}")
                {
                    return frame;
                }

                continue;
            }

            WebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                return null;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            pending.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
