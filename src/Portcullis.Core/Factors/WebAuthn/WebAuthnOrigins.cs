using System.Globalization;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// Which origins may appear in WebAuthn client data: the configured <c>Factors:WebAuthn:Origins</c>, or when
/// none are configured, the origins of the gate's own <c>Server:Urls</c>.
/// </summary>
public static class WebAuthnOrigins
{
    /// <summary>The default of <c>Server:Urls</c> (mirrors <c>ServerOptions.Urls</c>, which Core cannot see).</summary>
    public const string DefaultServerUrls = "http://localhost:5080";

    /// <summary>
    /// The configured origins if there are any; otherwise those derived from <paramref name="serverUrls"/>
    /// (<see cref="DefaultServerUrls"/> when unset).
    /// </summary>
    public static (IReadOnlyList<string> Origins, bool Derived) Resolve(IEnumerable<string>? configured, string? serverUrls)
    {
        var explicitOrigins = (configured ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
        return explicitOrigins.Count > 0 ? (explicitOrigins, false) : (FromServerUrls(serverUrls ?? DefaultServerUrls), true);
    }

    /// <summary>
    /// The origin of each listen URL, in order and without duplicates. A browser cannot use an IP address as
    /// an RP ID, so loopback and wildcard hosts (<c>127.0.0.1</c>, <c>[::1]</c>, <c>0.0.0.0</c>, <c>[::]</c>,
    /// <c>*</c>, <c>+</c>) become <c>localhost</c>, the name a browser on the same machine uses. Entries that
    /// are not URLs are skipped (the server's own configuration check reports them).
    /// </summary>
    public static IReadOnlyList<string> FromServerUrls(string serverUrls)
    {
        var origins = new List<string>();
        foreach (var entry in serverUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var url = entry.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            var host = uri.Host is "127.0.0.1" or "[::1]" or "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
            var origin = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{host}:{uri.Port}");
            if (!origins.Contains(origin, StringComparer.Ordinal))
            {
                origins.Add(origin);
            }
        }

        return origins;
    }
}
