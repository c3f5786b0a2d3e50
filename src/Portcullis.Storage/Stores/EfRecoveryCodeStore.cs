using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfRecoveryCodeStore(GateDbContext db) : IRecoveryCodeStore
{
    public void Add(RecoveryCode code) => db.RecoveryCodes.Add(code);

    public async Task<IReadOnlyList<RecoveryCode>> ListUnusedAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.RecoveryCodes.Where(c => c.UserId == userId && c.UsedAt == null).ToListAsync(cancellationToken);
}
