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
    private readonly BoundedKeyCache _keys = new();

    /// <summary>The verification key of <paramref name="session"/>, or <c>null</c> when its stored secret cannot be decrypted.</summary>
    public HttpSignatureKey? Get(ApiSessionKey session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _keys.GetOrCreate(session.Id, session, s => BoundedKeyCache.Hmac(protector, s.SecretCiphertext, ApiSessionKeys.SecretPurpose));
    }

    /// <summary>Drops the key of a session key that can no longer be used (it is not disposed: a request may still hold it).</summary>
    public void Forget(Guid sessionKeyId) => _keys.Forget(sessionKeyId);

    public void Dispose() => _keys.Dispose();
}
