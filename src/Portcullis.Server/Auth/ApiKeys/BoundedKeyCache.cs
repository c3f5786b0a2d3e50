using System.Collections.Concurrent;
using System.Security.Cryptography;
using Portcullis.Core.Secrets;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// Parsed verification keys by id, for <see cref="VerificationKeyCache"/> and <see cref="SessionKeyCache"/>: a key's material
/// never changes under its id, so a cached key stays right; whether it may still be used is checked on every request from
/// the store, not here. The keys are safe to share (docs/http-signatures.md: ECDSA serialises use of its instance). Bounded:
/// when full, it starts again.
/// </summary>
internal sealed class BoundedKeyCache : IDisposable
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, HttpSignatureKey> _keys = new();

    /// <summary>The cached key of <paramref name="id"/>, or the one <paramref name="create"/> makes (<c>null</c>: unusable, not cached).</summary>
    public HttpSignatureKey? GetOrCreate<TState>(Guid id, TState state, Func<TState, HttpSignatureKey?> create)
    {
        if (_keys.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var created = create(state);
        if (created is null)
        {
            return null;
        }

        if (_keys.Count >= Capacity)
        {
            _keys.Clear(); // keys handed out earlier are still referenced by their requests; the verifier does not dispose them
        }

        var stored = _keys.GetOrAdd(id, created);
        if (!ReferenceEquals(stored, created))
        {
            created.Dispose();
        }

        return stored;
    }

    /// <summary>Drops a key that can no longer be used (it is not disposed: a request may still hold it).</summary>
    public void Forget(Guid id) => _keys.TryRemove(id, out _);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }

    /// <summary>
    /// An <c>hmac-sha256</c> key from a secret stored encrypted under <paramref name="purpose"/>; <c>null</c> when it cannot be
    /// decrypted or is not a 32-byte secret (refused like an unknown key). The decrypted secret is wiped.
    /// </summary>
    public static HmacSha256HttpKey? Hmac(ISecretProtector protector, byte[] ciphertext, string purpose)
    {
        var secret = protector.Unprotect(ciphertext, purpose);
        if (secret is null)
        {
            return null;
        }

        try
        {
            return new HmacSha256HttpKey(secret);
        }
        catch (ArgumentException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
