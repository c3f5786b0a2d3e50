using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// Issues session keys (docs/api-keys.md, "Session keys"): a short-lived <c>hmac-sha256</c> key for an API key, bound to the
/// address that asked for it. Each issue is audited (never the secret) and not announced: a bot asks for one every few
/// minutes, and its API key's own creation was. Expired session keys of the same API key are deleted with each issue.
/// </summary>
public sealed class SessionKeyService(IGateStore store, ISecretProtector protector, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    /// <summary>
    /// A new session key for the API key <paramref name="apiKeyId"/> (whose signature the caller has verified), bound to
    /// <paramref name="ip"/>, expiring after <see cref="ApiKeyOptions.SessionKeyLifetime"/> or with its API key if sooner.
    /// </summary>
    public async Task<Result<SessionKeyIssued>> IssueAsync(Guid apiKeyId, IPAddress? ip, CancellationToken cancellationToken)
    {
        if (ip is null)
        {
            return ApiKeyRequestErrors.IpNotAllowed(); // a session key is bound to an address: without one there is nothing to bind
        }

        var address = (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var key = await unit.ApiKeys.FindAsync(apiKeyId, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return ApiKeyRequestErrors.KeyRevoked();
        }

        if (!key.IsActiveAt(now))
        {
            return ApiKeyRequestErrors.KeyExpired();
        }

        foreach (var old in await unit.SessionKeys.ListForApiKeyAsync(key.Id, cancellationToken))
        {
            if (old.ExpiresAt <= now)
            {
                unit.SessionKeys.Remove(old);
            }
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var expiresAt = now + options.Value.SessionKeyLifetime;
        var session = new ApiSessionKey
        {
            Id = Guid.CreateVersion7(now),
            KeyId = ApiSessionKeys.NewKeyId(),
            ApiKeyId = key.Id,
            SecretCiphertext = protector.Protect(secret, ApiSessionKeys.SecretPurpose),
            BoundIp = address,
            CreatedAt = now,
            ExpiresAt = expiresAt < key.ExpiresAt ? expiresAt : key.ExpiresAt,
        };
        unit.SessionKeys.Add(session);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.ApiKeySessionKeyIssued, "ok", Actors.ApiKey(key.KeyId), Actors.User(key.UserId), address,
            new Dictionary<string, object?>
            {
                ["api_key_id"] = key.Id,
                ["key_id"] = key.KeyId,
                ["session_key_id"] = session.KeyId,
                ["bound_ip"] = session.BoundIp,
                ["expires_at"] = session.ExpiresAt,
            }));
        await unit.CommitAsync(cancellationToken);
        var text = Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return new SessionKeyIssued(session, key, text);
    }
}
