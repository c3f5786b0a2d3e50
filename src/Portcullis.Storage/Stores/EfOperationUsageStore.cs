using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;

namespace Portcullis.Storage.Stores;

internal sealed class EfOperationUsageStore(GateDbContext db) : IOperationUsageStore
{
    public void Add(OperationUsage usage) => db.OperationUsage.Add(usage);

    public async Task<IReadOnlyList<OperationUsage>> ListSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        await db.OperationUsage.AsNoTracking().Where(u => u.UserId == userId && u.At >= since).ToListAsync(cancellationToken);

    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken) =>
        await db.OperationUsage.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.OperationUsage.Where(u => u.At < before).ExecuteDeleteAsync(cancellationToken);
}
