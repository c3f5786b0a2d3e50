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

        // One statement creates the row if it is missing and locks it either way (PostgreSQL takes the row
        // lock in ON CONFLICT DO UPDATE; SQLite's IMMEDIATE transaction already excludes other writers), so
        // a row deleted by a concurrent reset while we waited is simply created afresh.
        Detach(key);
        var rows = await db.ThrottleCounters
            .FromSql($"INSERT INTO throttle_counters (key, failures) VALUES ({key}, 0) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING *")
            .ToListAsync(cancellationToken);
        return rows.Single();
    }

    public Task<ThrottleCounter?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);

    public async Task ResetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            Detach(key);
        }

        await db.ThrottleCounters.Where(c => keys.Contains(c.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Forgets a copy tracked from earlier in this unit, so the database's current row is read.</summary>
    private void Detach(string key)
    {
        var tracked = db.ChangeTracker.Entries<ThrottleCounter>().FirstOrDefault(e => e.Entity.Key == key);
        if (tracked is not null)
        {
            tracked.State = EntityState.Detached;
        }
    }
}
