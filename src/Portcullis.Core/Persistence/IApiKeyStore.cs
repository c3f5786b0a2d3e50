using Portcullis.Core.ApiKeys;

namespace Portcullis.Core.Persistence;

/// <summary>API keys (docs/api-keys.md).</summary>
public interface IApiKeyStore
{
    void Add(ApiKey key);

    /// <summary>A key by its id, tracked (changes are saved at commit).</summary>
    Task<ApiKey?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A key by the public identifier a signature names (<c>keyid</c>), tracked.</summary>
    Task<ApiKey?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>A user's keys, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);
}
