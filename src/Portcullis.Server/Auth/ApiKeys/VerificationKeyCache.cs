using System.Collections.Concurrent;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Secrets;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// The parsed verification key of each API key, by key id. A key's material never changes (rotation makes a new key id), so a
/// cached key stays right; whether the key may still be used is checked on every request from the store, not here. The keys
/// are safe to share (docs/http-signatures.md: ECDSA serialises use of its instance). Bounded: when full, it starts again.
/// </summary>
public sealed class VerificationKeyCache(ISecretProtector protector) : IDisposable
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, HttpSignatureKey> _keys = new();

    /// <summary>The verification key of <paramref name="key"/>, or <c>null</c> when its stored material cannot be used.</summary>
    public HttpSignatureKey? Get(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.TryGetValue(key.Id, out var cached))
        {
            return cached;
        }

        var created = Create(key);
        if (created is null)
        {
            return null;
        }

        if (_keys.Count >= Capacity)
        {
            _keys.Clear(); // keys handed out earlier are still referenced by their requests; the verifier does not dispose them
        }

        var stored = _keys.GetOrAdd(key.Id, created);
        if (!ReferenceEquals(stored, created))
        {
            created.Dispose();
        }

        return stored;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }

    private HttpSignatureKey? Create(ApiKey key)
    {
        switch (key.Algorithm)
        {
            case ApiKeyAlgorithm.Ed25519 when key.PublicKey is { } raw:
                return Ed25519HttpKey.FromPublicKey(raw);
            case ApiKeyAlgorithm.EcdsaP256 when key.PublicKey is { } spki:
                return EcdsaP256HttpKey.FromPublicKeySpki(spki);
            case ApiKeyAlgorithm.HmacSha256 when key.SecretCiphertext is { } ciphertext:
                var secret = protector.Unprotect(ciphertext, ApiKeyService.SecretPurpose);
                if (secret is null)
                {
                    return null;
                }

                try
                {
                    return new HmacSha256HttpKey(secret);
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
                }

            default:
                return null;
        }
    }
}
