using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Portcullis.Core.Factors.WebAuthn;
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

        // The origin a browser on this machine uses for the first listen address (loopback and wildcards as localhost).
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var origin = listening is not null && WebAuthnOrigins.FromServerUrls(listening) is [var first, ..] ? first : null;
        return origin is not null && Uri.TryCreate(origin + "/", UriKind.Absolute, out var address) && address.Port != 0 ? address : null;
    }
}
