using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.Protection;

namespace Portcullis.Storage.Stores;

internal sealed class EfProtectionStore(GateDbContext db) : IProtectionStore
{
    public void AddFreeze(Freeze freeze) => db.Freezes.Add(freeze);

    public Task<Freeze?> FindFreezeAsync(Guid id, CancellationToken cancellationToken) =>
        db.Freezes.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Freeze>> ListFreezesAsync(Guid userId, DateTimeOffset liftedSince, CancellationToken cancellationToken)
    {
        var rows = await CompiledQueries.For(db).FreezesOfUser(db, userId, liftedSince).ToListAsync(cancellationToken);
        return rows.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).ToList();
    }

    public async Task<IReadOnlyList<Freeze>> ListDueLiftsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var rows = await db.Freezes.AsNoTracking()
            .Where(f => f.LiftedAt == null && f.LiftEffectiveAt != null && f.LiftEffectiveAt <= now)
            .ToListAsync(cancellationToken);
        return rows.OrderBy(f => f.LiftEffectiveAt).ThenBy(f => f.Id).Take(max).ToList();
    }

    public async Task<bool> TryCompleteLiftAsync(Guid id, string by, CancellationToken cancellationToken) =>
        await db.Freezes
            .Where(f => f.Id == id && f.LiftedAt == null && f.LiftEffectiveAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LiftedAt, f => f.LiftEffectiveAt).SetProperty(f => f.LiftedBy, by), cancellationToken) == 1;

    public void AddSettingsLock(SettingsLock settingsLock) => db.SettingsLocks.Add(settingsLock);

    public Task<SettingsLock?> FindSettingsLockAsync(Guid userId, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).SettingsLockOfUser(db, userId, cancellationToken);

    public void AddCooldown(Cooldown cooldown) => db.Cooldowns.Add(cooldown);

    public async Task<IReadOnlyList<Cooldown>> ListCooldownsAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await CompiledQueries.For(db).CooldownsOfUser(db, userId, since).ToListAsync(cancellationToken);
        return rows.OrderByDescending(c => c.StartedAt).ToList();
    }

    public void AddNetwork(TrustedNetwork network) => db.TrustedNetworks.Add(network);

    public void RemoveNetwork(TrustedNetwork network) => db.TrustedNetworks.Remove(network);

    public async Task<IReadOnlyList<TrustedNetwork>> ListNetworksAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await CompiledQueries.For(db).NetworksOfUser(db, userId).ToListAsync(cancellationToken);
        return rows.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();
    }
}
