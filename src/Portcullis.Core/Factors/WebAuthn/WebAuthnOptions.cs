namespace Portcullis.Core.Factors;

/// <summary>WebAuthn relying-party settings (configuration section <c>Factors:WebAuthn</c>).</summary>
public sealed class WebAuthnOptions
{
    /// <summary>The relying party id: the site's registrable domain, e.g. <c>broker.example</c>. Default <c>localhost</c>.</summary>
    public string RpId { get; set; } = "localhost";

    /// <summary>The name authenticators show. Default "Portcullis".</summary>
    public string RpName { get; set; } = "Portcullis";

    /// <summary>
    /// Origins allowed in client data, e.g. <c>https://broker.example</c>. Default: the <c>Server:Urls</c>
    /// entries, with <c>127.0.0.1</c>, <c>[::1]</c> and wildcard hosts shown as <c>localhost</c>.
    /// </summary>
    public List<string> Origins { get; set; } = [];

    /// <summary><c>none</c> (default), <c>indirect</c> or <c>direct</c>.</summary>
    public string Attestation { get; set; } = "none";

    /// <summary>
    /// Refuse credentials whose attestation is self or none. Default false. Needs <see cref="Attestation"/>
    /// <c>direct</c> or <c>indirect</c> (browsers strip the statement otherwise). Without a metadata service
    /// this proves that a statement signed by an attestation certificate was given, not whose certificate it is.
    /// </summary>
    public bool RequireAttestation { get; set; }

    /// <summary>
    /// If set, only authenticator models (AAGUIDs) on this list may be registered. Default empty (any model).
    /// An AAGUID is only vouched for by attestation: without <see cref="RequireAttestation"/> it is what the
    /// authenticator claims.
    /// </summary>
    public List<Guid> AllowedAaguids { get; set; } = [];

    /// <summary>
    /// How long registration and sign-in options stay usable (also sent to browsers as the ceremony timeout).
    /// A sign-in challenge never outlives its flow. Default 5 minutes.
    /// </summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
