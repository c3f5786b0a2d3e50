using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Server.Hosting;

/// <summary>Checks the <c>Server</c> and <c>Telemetry</c> sections.</summary>
public sealed class ServerConfigurationCheck(IOptions<ServerOptions> server, IOptions<TelemetryOptions> telemetry) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var s = server.Value;
        foreach (var url in s.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return ConfigurationProblem.Format("Server:Urls", "each entry must be an http:// or https:// URL", url);
            }
        }

        if (s.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            yield return ConfigurationProblem.Format("Server:MaxRequestBodyBytes", "must be between 1024 and 16777216", s.MaxRequestBodyBytes);
        }

        for (var i = 0; i < s.TrustedProxies.Count; i++)
        {
            if (!TrustedProxy.TryParse(s.TrustedProxies[i], out _, out _))
            {
                yield return ConfigurationProblem.Format($"Server:TrustedProxies:{i}",
                    "must be an IP address or a CIDR range without host bits (e.g. 10.0.0.5 or 10.0.0.0/24)", s.TrustedProxies[i]);
            }
        }

        var t = telemetry.Value;
        if (t.OtlpEndpoint is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            yield return ConfigurationProblem.Format("Telemetry:OtlpEndpoint", "must be an absolute URL", endpoint);
        }
    }
}
