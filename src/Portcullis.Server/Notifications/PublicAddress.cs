using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;

namespace Portcullis.Server.Notifications;

/// <summary>
/// The gate's address as users reach it, for links in notifications: <c>Notifications:PublicUrl</c> when set,
/// else the first address Kestrel listens on (a wildcard or loopback host shown as <c>localhost</c>).
/// </summary>
public sealed class PublicAddress(IOptions<NotificationOptions> options, IServiceProvider services)
{
    public Uri? Get()
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var address) || address.Port == 0)
        {
            return null;
        }

        var builder = new UriBuilder(address) { Path = "/" };
        if (builder.Host is "127.0.0.1" or "0.0.0.0" or "[::]" or "[::1]" or "::" or "::1")
        {
            builder.Host = "localhost";
        }

        return builder.Uri;
    }
}
