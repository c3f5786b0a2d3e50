using Portcullis.Core.ApiKeys;

namespace Portcullis.Core.Persistence;

/// <summary>Session keys of API keys (docs/api-keys.md, "Session keys").</summary>
public interface IApiSessionKeyStore
{
    void Add(ApiSessionKey sessionKey);

    /// <summary>Deletes a session key at commit.</summary>
    void Remove(ApiSessionKey sessionKey);

    /// <summary>
    /// A session key by the identifier a signature names (<c>keyid</c>) with its API key, both tracked, in one query (it runs on
    /// every request signed with a session key); <c>null</c> when there is no such session key.
    /// </summary>
    Task<(ApiSessionKey SessionKey, ApiKey ApiKey)?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Deletes the session keys that expired at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An API key's session keys, tracked, newest first.</summary>
    Task<IReadOnlyList<ApiSessionKey>> ListForApiKeyAsync(Guid apiKeyId, CancellationToken cancellationToken);
}
