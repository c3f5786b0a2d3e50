using System.Net;
using System.Net.Sockets;

namespace Portcullis.Testing;

/// <summary>
/// HTTP handlers whose connections come from a chosen loopback address (127.0.0.2, say), so that a test can be "another
/// network" to a gate listening on 127.0.0.1: IP allowlists, trusted networks, per-address throttling.
/// </summary>
public static class LoopbackSource
{
    /// <summary>A cookie-less handler connecting from <paramref name="from"/>, or from the default address when <c>null</c>.</summary>
    public static SocketsHttpHandler Handler(IPAddress? from = null)
    {
        var socket = new SocketsHttpHandler { UseCookies = false };
        if (from is not null)
        {
            socket.ConnectCallback = async (context, ct) =>
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    s.Bind(new IPEndPoint(from, 0));
                    await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            };
        }

        return socket;
    }
}
