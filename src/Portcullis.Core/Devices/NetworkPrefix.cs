using System.Net;

namespace Portcullis.Core.Devices;

/// <summary>
/// "The same network", coarsely: the same IPv4 /24 or IPv6 /48 (an IPv4-mapped IPv6 address counts as IPv4).
/// Good enough to tell a sign-in from a new place without a GeoIP database.
/// </summary>
public static class NetworkPrefix
{
    public static string? Of(string? ip)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length == 4
            ? $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24"
            : new IPAddress([.. bytes[..6], .. new byte[10]]) + "/48";
    }
}
