using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Webhooks;

namespace Portcullis.Server.Notifications.Webhooks;

/// <summary>
/// The webhook client's <c>ConnectCallback</c>: resolves the host itself and connects only to public addresses
/// (<see cref="WebhookUrls.IsPublic"/>) unless <c>Notifications:Webhooks:AllowPrivateNetworks</c> is on. Checking
/// the addresses actually connected to, at each connection, is what stops DNS rebinding (a name that resolved to
/// a public address when the endpoint was added and to 127.0.0.1 now). A name with any non-public address is
/// refused outright.
/// </summary>
public sealed class WebhookConnector(IOptions<NotificationOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        await ConnectAsync(context.DnsEndPoint, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!options.Value.Webhooks.AllowPrivateNetworks && (addresses.Length == 0 || !addresses.All(WebhookUrls.IsPublic)))
        {
            throw new WebhookAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
