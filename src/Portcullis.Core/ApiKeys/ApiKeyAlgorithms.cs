namespace Portcullis.Core.ApiKeys;

/// <summary>Wire names of <see cref="ApiKeyAlgorithm"/>: the RFC 9421 §6.2.2 algorithm names.</summary>
public static class ApiKeyAlgorithms
{
    public const string Ed25519 = "ed25519";
    public const string EcdsaP256 = "ecdsa-p256-sha256";
    public const string HmacSha256 = "hmac-sha256";

    public static string Name(ApiKeyAlgorithm algorithm) => algorithm switch
    {
        ApiKeyAlgorithm.Ed25519 => Ed25519,
        ApiKeyAlgorithm.EcdsaP256 => EcdsaP256,
        _ => HmacSha256,
    };

    public static ApiKeyAlgorithm? Parse(string? name) => name switch
    {
        null or "" or Ed25519 => ApiKeyAlgorithm.Ed25519,
        EcdsaP256 => ApiKeyAlgorithm.EcdsaP256,
        HmacSha256 => ApiKeyAlgorithm.HmacSha256,
        _ => null,
    };
}
