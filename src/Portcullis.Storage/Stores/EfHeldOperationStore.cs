using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Holds;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfHeldOperationStore(GateDbContext db, EfGateUnit unit) : IHeldOperationStore
{
    public void Add(HeldOperation operation) => db.HeldOperations.Add(operation);

    public Task<HeldOperation?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.HeldOperations.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);

    public async Task<IReadOnlyList<HeldOperation>> ListPendingForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.HeldOperations.Where(h => h.UserId == userId && h.Status == HeldOperationStatus.Pending)
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListUsersWithOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.HeldOperations.Where(h => h.Status == HeldOperationStatus.Pending && h.ExpiresAt <= now)
            .Select(h => h.UserId).Distinct().OrderBy(u => u).Take(100).ToListAsync(cancellationToken);

    /// <summary>
    /// One conditional UPDATE in the unit's transaction. On PostgreSQL a concurrent decision of the same row waits for
    /// this one's transaction and then finds the row no longer pending; SQLite has one writer at a time.
    /// </summary>
    public async Task<bool> TryDecideAsync(Guid id, HeldOperationStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!unit.InTransaction)
        {
            throw new InvalidOperationException("TryDecideAsync needs the unit's transaction: call BeginAsync first.");
        }

        var changed = await db.HeldOperations.Where(h => h.Id == id && h.Status == HeldOperationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, status).SetProperty(h => h.DecidedAt, at), cancellationToken);
        return changed == 1;
    }
}
