using System.Net;
using Portcullis.Core.Sessions;

namespace Portcullis.Cli.Authenticator;

/// <summary>
/// What <c>authenticator enrol</c> was given: a bare code (<c>pce_…</c>) with <c>--server</c>, or the whole enrolment
/// link the gate shows as a QR code (<c>portcullis-authenticator://enrol?server=…&amp;code=…</c>).
/// </summary>
internal sealed record EnrollmentInput(Uri Server, string Code)
{
    public const string UriScheme = "portcullis-authenticator";

    public override string ToString() => $"EnrollmentInput {{ Server = {Server} }}";

    /// <summary>The server and code, or a one-line problem.</summary>
    public static (EnrollmentInput? Input, string? Problem) Parse(string codeOrLink, string? server)
    {
        var text = codeOrLink.Trim();
        if (text.StartsWith(UriScheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var link))
            {
                return (null, "the enrolment link is not a valid URI");
            }

            var query = Query(link.Query);
            server ??= query.GetValueOrDefault("server");
            text = query.GetValueOrDefault("code") ?? string.Empty;
        }

        if (!SessionToken.HasShape(text, SessionToken.EnrollmentPrefix))
        {
            return (null, "that is not an enrolment code (it starts with pce_ and is 47 characters long)");
        }

        if (server is null)
        {
            return (null, "--server is required with a bare enrolment code");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            return (null, $"--server must be an http(s) URL (value: {server})");
        }

        if (address.Scheme == Uri.UriSchemeHttp && !IsLoopback(address))
        {
            return (null, $"--server must use https; plain http is accepted only for this machine (value: {server})");
        }

        return (new EnrollmentInput(address, text), null);
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    private static Dictionary<string, string> Query(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[Uri.UnescapeDataString(pair[..equals])] = Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return values;
    }
}
