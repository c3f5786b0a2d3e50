using System.Net;

namespace Portcullis.Server.Hosting;

/// <summary>One entry of <see cref="ServerOptions.TrustedProxies"/>: an IP address or a CIDR range.</summary>
public static class TrustedProxy
{
    /// <summary>
    /// Parses <paramref name="text"/> as an address (<c>10.0.0.5</c>, <c>::1</c>) or a range (<c>10.0.0.0/24</c>,
    /// <c>fd00::/64</c>; no host bits set). Exactly one of the outputs is set when it returns <c>true</c>.
    /// </summary>
    public static bool TryParse(string? text, out IPAddress? address, out IPNetwork? network)
    {
        address = null;
        network = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            // A range written with host bits (10.0.0.5/24) is refused rather than silently widened.
            if (IPNetwork.TryParse(value, out var parsed)
                && IPAddress.TryParse(value[..value.IndexOf('/', StringComparison.Ordinal)], out var written)
                && written.Equals(parsed.BaseAddress))
            {
                network = parsed;
                return true;
            }

            return false;
        }

        if (IPAddress.TryParse(value, out var ip) && !value.Contains('%', StringComparison.Ordinal))
        {
            address = ip;
            return true;
        }

        return false;
    }
}
