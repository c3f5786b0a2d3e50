using System.Collections.Concurrent;
using System.Security.Cryptography;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Secrets;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// The parsed <c>hmac-sha256</c> key of each session key, by id, so that its secret is decrypted once rather than on every
/// request (as <see cref="VerificationKeyCache"/> does for API keys). A session key's secret never changes; whether it may
/// still be used is checked on every request from the store, not here. An expired one is forgotten when a request finds it
/// so; bounded: when full, it starts again.
/// </summary>
public sealed class SessionKeyCache(ISecretProtector protector) : IDisposable
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, HmacSha256HttpKey> _keys = new();

    /// <summary>The verification key of <paramref name="session"/>, or <c>null</c> when its stored secret cannot be decrypted.</summary>
    public HttpSignatureKey? Get(ApiSessionKey session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_keys.TryGetValue(session.Id, out var cached))
        {
            return cached;
        }

        var secret = protector.Unprotect(session.SecretCiphertext, ApiSessionKeys.SecretPurpose);
        if (secret is null)
        {
            return null;
        }

        HmacSha256HttpKey created;
        try
        {
            created = new HmacSha256HttpKey(secret);
        }
        catch (ArgumentException)
        {
            return null; // not a 32-byte secret: refused like an unknown key
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        if (_keys.Count >= Capacity)
        {
            _keys.Clear(); // keys handed out earlier are still referenced by their requests; the verifier does not dispose them
        }

        var stored = _keys.GetOrAdd(session.Id, created);
        if (!ReferenceEquals(stored, created))
        {
            created.Dispose();
        }

        return stored;
    }

    /// <summary>Drops the key of a session key that can no longer be used (it is not disposed: a request may still hold it).</summary>
    public void Forget(Guid sessionKeyId) => _keys.TryRemove(sessionKeyId, out _);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }
}
