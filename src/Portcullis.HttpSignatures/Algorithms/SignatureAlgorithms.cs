namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>The <c>alg</c> values of the RFC 9421 §6.2 registry that this library implements.</summary>
public static class SignatureAlgorithms
{
    /// <summary>EdDSA over Curve25519 (§3.3.6). The default for bots.</summary>
    public const string Ed25519 = "ed25519";

    /// <summary>ECDSA on P-256 with SHA-256, signature as raw r||s, 64 bytes (§3.3.4).</summary>
    public const string EcdsaP256Sha256 = "ecdsa-p256-sha256";

    /// <summary>HMAC with SHA-256 over a shared secret (§3.3.3). Legacy and session keys only.</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>RSASSA-PSS with SHA-512, 64-byte salt (§3.3.1). Kept for the Appendix B vectors.</summary>
    public const string RsaPssSha512 = "rsa-pss-sha512";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (§3.3.2). Verification only.</summary>
    public const string RsaV15Sha256 = "rsa-v1_5-sha256";
}
