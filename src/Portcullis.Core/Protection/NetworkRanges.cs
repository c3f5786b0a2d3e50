using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Portcullis.Core.Results;

namespace Portcullis.Core.Protection;

/// <summary>
/// Parses and normalises a trusted network: an IPv4 or IPv6 address or CIDR range. A bare address is a single host
/// (/32 or /128); host bits are cleared (<c>10.1.2.3/8</c> becomes <c>10.0.0.0/8</c>); an IPv4-mapped IPv6 range
/// becomes its IPv4 range; IPv6 is written in its compressed lower-case form. Zone ids, short IPv4 forms
/// (<c>10.1</c>) and ranges broader than /8 (IPv4) or /32 (IPv6) are refused.
/// </summary>
public static class NetworkRanges
{
    public const int MinIPv4Prefix = 8;
    public const int MinIPv6Prefix = 32;
    private const int MaxLength = 64;

    public static Result<IPNetwork> Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return ProtectionErrors.NetworkInvalid();
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address))
        {
            return ProtectionErrors.NetworkInvalid();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(addressText))
        {
            return ProtectionErrors.NetworkInvalid();
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0)
        {
            var prefixText = value[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
            {
                return ProtectionErrors.NetworkInvalid();
            }
        }

        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                return ProtectionErrors.NetworkInvalid();
            }

            address = address.MapToIPv4();
            prefix -= 96;
            bits = 32;
        }

        if (prefix < (bits == 32 ? MinIPv4Prefix : MinIPv6Prefix))
        {
            return ProtectionErrors.NetworkTooBroad();
        }

        return new IPNetwork(Mask(address, prefix), prefix);
    }

    /// <summary>The canonical text of a range, as stored.</summary>
    public static string Format(IPNetwork network) => network.ToString();

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit));
    }
}
