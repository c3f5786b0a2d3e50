using System.Net;
using System.Net.Sockets;

namespace Portcullis.Core.Notifications.Webhooks;

/// <summary>
/// Which URLs a webhook may point at. An endpoint URL is user input, so unless private networks are allowed
/// (development) it must be <c>https://</c> and must not lead into the gate's own network: no loopback,
/// private, link-local, unique-local or otherwise non-public address, whether written literally or resolved
/// (the sender checks resolved addresses again at each connection, so DNS rebinding cannot bypass this).
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <summary>Checks <paramref name="url"/>; returns the normalised URL, or the problem for the user.</summary>
    public static (Uri? Url, string? Problem) Check(string? url, bool allowPrivateNetworks)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, "A URL is required.");
        }

        if (text.Length > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.AbsoluteUri.Length > MaxLength)
        {
            return (null, $"An absolute http(s) URL of at most {MaxLength} characters.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return (null, "Only http and https URLs.");
        }

        if (!allowPrivateNetworks && uri.Scheme != Uri.UriSchemeHttps)
        {
            return (null, "Only https URLs.");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return (null, "No user name, password or fragment in the URL.");
        }

        if (!allowPrivateNetworks && !IsPublicHost(uri))
        {
            return (null, "The URL must point at a public address (no loopback, private or local names).");
        }

        return (uri, null);
    }

    /// <summary>The URL without its query and fragment (which may carry tokens), for logs, audit and alerts.</summary>
    public static string Display(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(invalid URL)";

    /// <summary>
    /// Whether a literal host may be used: IP literals must be public; <c>localhost</c>, <c>*.localhost</c> (RFC 6761)
    /// and single-label names (resolved through local search domains) are refused. Other names are checked once resolved.
    /// </summary>
    public static bool IsPublicHost(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsPublic(address);
        }

        var host = uri.IdnHost.TrimEnd('.');
        return !host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            && host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="address"/> is a public unicast address: not unspecified, loopback, private (RFC 1918),
    /// shared (RFC 6598), link-local, unique-local (RFC 4193), site-local, multicast, documentation, benchmarking or
    /// reserved. IPv4-mapped and IPv4-compatible IPv6 addresses are judged as their IPv4 address.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                        // 0.0.0.0/8 "this network"
        || b[0] == 10                                    // 10.0.0.0/8 private
        || b[0] == 127                                   // 127.0.0.0/8 loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64.0.0/10 shared (carrier-grade NAT)
        || (b[0] == 169 && b[1] == 254)                  // 169.254.0.0/16 link-local (cloud metadata)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16.0.0/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // 192.0.2.0/24 documentation
        || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)          // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // 198.51.100.0/24 documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // 203.0.113.0/24 documentation
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        // ::/96 (IPv4-compatible, deprecated) and 64:ff9b::/96 (NAT64): judge the embedded IPv4 address.
        var embedsV4 = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0);
        if (embedsV4)
        {
            return IsPublicV4(b[12..]);
        }

        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)   // 2001:db8::/32 documentation
            && (b[0] & 0xE0) == 0x20;                                          // 2000::/3 global unicast only
    }
}
