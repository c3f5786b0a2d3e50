namespace Portcullis.Core.Factors;

/// <summary>WebAuthn relying-party settings.</summary>
public sealed class WebAuthnOptions
{
    /// <summary>The relying party id: the site's registrable domain, e.g. <c>broker.example</c>. Default <c>localhost</c>.</summary>
    public string RpId { get; set; } = "localhost";

    /// <summary>The name authenticators show. Default "Portcullis".</summary>
    public string RpName { get; set; } = "Portcullis";

    /// <summary>
    /// Origins allowed in client data, e.g. <c>https://broker.example</c>. Default: the <c>Server:Urls</c>
    /// entries, with <c>127.0.0.1</c> shown as <c>localhost</c>.
    /// </summary>
    public List<string> Origins { get; set; } = [];

    /// <summary><c>none</c> (default), <c>indirect</c> or <c>direct</c>.</summary>
    public string Attestation { get; set; } = "none";

    /// <summary>Refuse credentials whose attestation is self or none. Default false.</summary>
    public bool RequireAttestation { get; set; }

    /// <summary>If set, only authenticator models (AAGUIDs) on this list may be registered.</summary>
    public List<Guid> AllowedAaguids { get; set; } = [];
}
