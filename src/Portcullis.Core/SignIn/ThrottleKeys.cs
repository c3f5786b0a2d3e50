using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Core.SignIn;

/// <summary>How throttle counters are keyed. Usernames are hashed so the table does not list who tried what.</summary>
public static class ThrottleKeys
{
    public static string ForUsername(string normalizedUsername) =>
        "user:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedUsername)));

    public static string ForDevice(Guid deviceId) => $"device:{deviceId}";

    /// <summary>Failed second-factor proofs of a user, across flows: a new flow does not reset it.</summary>
    public static string ForSecondFactor(Guid userId) => $"factor:{userId}";

    /// <summary>Push requests a user's authenticators refused (denied, wrong number): never reset by a new push.</summary>
    public static string ForPush(Guid userId) => $"push:{userId}";

    /// <summary>Serialises the user's capped operations: totals are read and the new use reserved under this lock.</summary>
    public static string ForCaps(Guid userId) => $"caps:{userId}";

    /// <summary>SMS codes sent to a user.</summary>
    public static string ForSms(Guid userId) => $"sms:{userId}";

    /// <summary>IPv4 addresses count alone; IPv6 addresses by their /64, which one subscriber usually holds.</summary>
    public static string? ForNetwork(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return $"ip:{new IPAddress(bytes)}/64";
        }

        return $"ip:{address}";
    }
}
