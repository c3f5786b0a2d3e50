using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Stores;

internal sealed class EfThrottleStore(GateDbContext db, EfGateUnit unit) : IThrottleStore
{
    public async Task<ThrottleCounter> LockAsync(string key, CancellationToken cancellationToken)
    {
        if (!unit.InTransaction)
        {
            throw new InvalidOperationException("Throttle counters are locked inside a transaction: call BeginAsync first.");
        }

        await db.Database.ExecuteSqlAsync(db.EnsureThrottleRowSql(key), cancellationToken);
        return await db.LockThrottleRow(key).SingleAsync(cancellationToken);
    }

    public Task<ThrottleCounter?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);

    public async Task ResetAsync(string key, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<ThrottleCounter>().FirstOrDefault(e => e.Entity.Key == key);
        if (tracked is not null)
        {
            tracked.State = EntityState.Detached;
        }

        await db.ThrottleCounters.Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);
    }
}
