using Microsoft.EntityFrameworkCore;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfApiSessionKeyStore(GateDbContext db) : IApiSessionKeyStore
{
    public void Add(ApiSessionKey sessionKey) => db.ApiSessionKeys.Add(sessionKey);

    public void Remove(ApiSessionKey sessionKey) => db.ApiSessionKeys.Remove(sessionKey);

    public async Task<(ApiSessionKey SessionKey, ApiKey ApiKey)?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken)
    {
        var row = await CompiledQueries.For(db).SessionKeyByKeyId(db, keyId, cancellationToken);
        return row is null ? null : (row.SessionKey, row.ApiKey);
    }

    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ApiSessionKeys.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyList<ApiSessionKey>> ListForApiKeyAsync(Guid apiKeyId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiSessionKeys.Where(s => s.ApiKeyId == apiKeyId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).ToList();
    }
}
