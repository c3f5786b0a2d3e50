using Portcullis.Core.Configuration;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>Checks the <c>Factors:WebAuthn</c> section and the origins it resolves to.</summary>
public sealed class WebAuthnConfigurationCheck(WebAuthnRelyingParty relyingParty) : IConfigurationCheck
{
    private const string Section = "Factors:WebAuthn";

    public IEnumerable<string> Problems()
    {
        var o = relyingParty.Options;
        var rpIdValid = IsDomainName(o.RpId);
        if (!rpIdValid)
        {
            yield return ConfigurationProblem.Format($"{Section}:RpId", "must be a domain name such as broker.example (no scheme, port or path)", o.RpId);
        }

        if (string.IsNullOrWhiteSpace(o.RpName))
        {
            yield return ConfigurationProblem.Format($"{Section}:RpName", "must not be empty", o.RpName);
        }

        if (o.Attestation?.ToUpperInvariant() is not ("NONE" or "INDIRECT" or "DIRECT"))
        {
            yield return ConfigurationProblem.Format($"{Section}:Attestation", "must be none, indirect or direct", o.Attestation);
        }
        else if (o.RequireAttestation && o.Attestation.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            yield return ConfigurationProblem.Format($"{Section}:Attestation",
                "must be direct or indirect when Factors:WebAuthn:RequireAttestation is true (browsers strip attestation otherwise)", o.Attestation);
        }

        if (o.ChallengeLifetime < TimeSpan.FromSeconds(30) || o.ChallengeLifetime > TimeSpan.FromMinutes(10))
        {
            yield return ConfigurationProblem.Format($"{Section}:ChallengeLifetime", "must be between 00:00:30 and 00:10:00", o.ChallengeLifetime);
        }

        // Server:Urls entries that are not URLs leave no origin to derive; the server's own check names them.
        if (relyingParty.Origins.Count == 0 && string.IsNullOrWhiteSpace(relyingParty.ServerUrls.Replace(";", string.Empty, StringComparison.Ordinal)))
        {
            yield return ConfigurationProblem.Format($"{Section}:Origins", "is empty and no origin can be derived from Server:Urls; list the origins browsers use", null);
        }

        for (var i = 0; i < relyingParty.Origins.Count; i++)
        {
            var origin = relyingParty.Origins[i];
            var path = relyingParty.OriginsDerived ? $"{Section}:Origins (derived from Server:Urls)" : $"{Section}:Origins:{i}";
            if (OriginProblem(origin, rpIdValid ? o.RpId : null) is { } problem)
            {
                yield return ConfigurationProblem.Format(path, problem, origin);
            }
        }
    }

    /// <summary>
    /// WebAuthn §5.1.3/§5.1.4: an origin must be a secure context (https, or http on localhost) whose host is
    /// the RP ID or a subdomain of it.
    /// </summary>
    internal static string? OriginProblem(string origin, string? rpId)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return "must be an origin such as https://broker.example (scheme, host and optional port only)";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            return "must use https:// (browsers allow WebAuthn over plain HTTP only on localhost)";
        }

        if (rpId is not null && !uri.Host.Equals(rpId, StringComparison.OrdinalIgnoreCase) &&
            !uri.Host.EndsWith("." + rpId, StringComparison.OrdinalIgnoreCase))
        {
            return $"must be on Factors:WebAuthn:RpId ({rpId}) or one of its subdomains; set Factors:WebAuthn:Origins to the origins browsers use";
        }

        return null;
    }

    private static bool IsDomainName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 253 && Uri.CheckHostName(value) == UriHostNameType.Dns &&
        !value.StartsWith('.') && !value.EndsWith('.');
}
