using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfPushChallengeStore(GateDbContext db) : IPushChallengeStore
{
    public void Add(PushChallenge challenge) => db.PushChallenges.Add(challenge);

    public Task<PushChallenge?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.PushChallenges.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<IReadOnlyList<PushChallenge>> ListPendingForDeviceAsync(Guid deviceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.PushChallenges.Where(c => c.DeviceId == deviceId && c.Status == PushChallengeStatus.Pending && c.ExpiresAt > now)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PushChallenge>> ListPendingForUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.PushChallenges.Where(c => c.UserId == userId && c.Status == PushChallengeStatus.Pending && c.ExpiresAt > now)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
}
