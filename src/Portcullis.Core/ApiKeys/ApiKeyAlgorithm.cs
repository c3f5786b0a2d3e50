namespace Portcullis.Core.ApiKeys;

/// <summary>How an API key signs requests (RFC 9421 <c>alg</c> names in <see cref="ApiKeyAlgorithms"/>).</summary>
public enum ApiKeyAlgorithm
{
    /// <summary>Ed25519: the client keeps the private key; the gate stores the 32-byte public key. The default.</summary>
    Ed25519,

    /// <summary>ECDSA on P-256 with SHA-256: the client keeps the private key; the gate stores its SubjectPublicKeyInfo.</summary>
    EcdsaP256,

    /// <summary>HMAC-SHA256 with a shared secret the gate generates, shows once and stores encrypted. Legacy, opt-in.</summary>
    HmacSha256,
}
