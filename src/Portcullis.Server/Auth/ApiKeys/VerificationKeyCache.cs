using Portcullis.Core.ApiKeys;
using Portcullis.Core.Secrets;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// The parsed verification key of each API key, by key id. A key's material never changes (rotation makes a new key id), so a
/// cached key stays right; whether the key may still be used is checked on every request from the store, not here. Bounded:
/// when full, it starts again (<see cref="BoundedKeyCache"/>).
/// </summary>
public sealed class VerificationKeyCache(ISecretProtector protector) : IDisposable
{
    private readonly BoundedKeyCache _keys = new();

    /// <summary>The verification key of <paramref name="key"/>, or <c>null</c> when its stored material cannot be used.</summary>
    public HttpSignatureKey? Get(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _keys.GetOrCreate(key.Id, key, Create);
    }

    public void Dispose() => _keys.Dispose();

    private HttpSignatureKey? Create(ApiKey key) => key.Algorithm switch
    {
        ApiKeyAlgorithm.Ed25519 when key.PublicKey is { } raw => Ed25519HttpKey.FromPublicKey(raw),
        ApiKeyAlgorithm.EcdsaP256 when key.PublicKey is { } spki => EcdsaP256HttpKey.FromPublicKeySpki(spki),
        ApiKeyAlgorithm.HmacSha256 when key.SecretCiphertext is { } ciphertext => BoundedKeyCache.Hmac(protector, ciphertext, ApiKeyService.SecretPurpose),
        _ => null,
    };
}
