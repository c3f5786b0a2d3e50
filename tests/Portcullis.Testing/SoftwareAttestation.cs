namespace Portcullis.Testing;

/// <summary>The attestation statement a <see cref="SoftwareAuthenticator"/> returns when attestation is asked for.</summary>
public enum SoftwareAttestation
{
    /// <summary>Format <c>none</c>: no statement (what every authenticator returns when none is asked for).</summary>
    None = 0,

    /// <summary>Format <c>packed</c>, self attestation: signed by the credential key itself (WebAuthn §8.2).</summary>
    PackedSelf = 1,

    /// <summary>Format <c>packed</c>, basic attestation: signed by an attestation key with an x5c certificate (WebAuthn §8.2.1).</summary>
    PackedBasic = 2,
}
