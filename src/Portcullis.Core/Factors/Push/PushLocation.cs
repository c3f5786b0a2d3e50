using System.Net;
using System.Net.Sockets;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// Where a request came from, in words, for the authenticator's screen. The gate has no GeoIP database: it can
/// name loopback, private, carrier-NAT and link-local addresses, and says "unknown location" for the rest.
/// </summary>
public static class PushLocation
{
    public static string Describe(string? ip)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var address))
        {
            return "unknown location";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "this computer (loopback)";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return (b[0], b[1]) switch
            {
                (10, _) => "private network (10.0.0.0/8)",
                (172, >= 16 and <= 31) => "private network (172.16.0.0/12)",
                (192, 168) => "private network (192.168.0.0/16)",
                (100, >= 64 and <= 127) => "carrier-grade NAT (100.64.0.0/10)",
                (169, 254) => "link-local network",
                _ => "unknown location (public address; no location database)",
            };
        }

        if (address.IsIPv6LinkLocal)
        {
            return "link-local network";
        }

        return address.IsIPv6UniqueLocal ? "private network (IPv6 unique local)" : "unknown location (public address; no location database)";
    }
}
