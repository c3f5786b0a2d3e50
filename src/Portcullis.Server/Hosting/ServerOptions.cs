namespace Portcullis.Server.Hosting;

/// <summary>HTTP settings (configuration section <c>Server</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// Where to listen. Default <c>http://localhost:5080</c>. Browsers keep <c>Secure</c> cookies over plain
    /// HTTP only for localhost: anywhere else, listen on HTTPS (see <c>Kestrel:Endpoints</c>) or behind a TLS proxy.
    /// </summary>
    public string Urls { get; set; } = "http://localhost:5080";

    /// <summary>Largest accepted request body in bytes. Default 65536.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed: IP addresses or CIDR ranges
    /// (e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>). Default none: forwarded headers are ignored and the client address
    /// is the TCP peer.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
