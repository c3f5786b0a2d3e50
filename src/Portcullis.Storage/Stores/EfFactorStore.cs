using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfFactorStore(GateDbContext db) : IFactorStore
{
    public void Add(Factor factor) => db.Factors.Add(factor);

    public Task<Factor?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Factors.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Factor>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await CompiledQueries.For(db).FactorsOfUser(db, userId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Factor>> ListForDeviceAsync(Guid deviceId, CancellationToken cancellationToken) =>
        await db.Factors.Where(f => f.DeviceId == deviceId && f.Status != FactorStatus.Removed).ToListAsync(cancellationToken);

    public Task<Factor?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        db.Factors.FirstOrDefaultAsync(f => f.CredentialId == credentialId, cancellationToken);

    public async Task<bool> TryUseOtpStepAsync(Guid userId, long step, CancellationToken cancellationToken)
    {
        // A conditional update is atomic on both providers: of two concurrent uses of one step, one wins.
        var updated = await db.Users
            .Where(u => u.Id == userId && (u.OtpLastStep == null || u.OtpLastStep < step))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OtpLastStep, step), cancellationToken);
        return updated == 1;
    }
}
