using Microsoft.EntityFrameworkCore;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfApiKeyStore(GateDbContext db) : IApiKeyStore
{
    public void Add(ApiKey key) => db.ApiKeys.Add(key);

    public Task<ApiKey?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);

    public Task<ApiKey?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).ApiKeyByKeyId(db, keyId, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiKeys.Where(k => k.UserId == userId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToList();
    }
}
