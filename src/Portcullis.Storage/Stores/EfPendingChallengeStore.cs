using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfPendingChallengeStore(GateDbContext db) : IPendingChallengeStore
{
    public void Add(PendingChallenge challenge) => db.PendingChallenges.Add(challenge);

    public Task<PendingChallenge?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.PendingChallenges.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<PendingChallenge?> FindByLookupAsync(byte[] lookupHash, CancellationToken cancellationToken) =>
        db.PendingChallenges.FirstOrDefaultAsync(c => c.LookupHash == lookupHash, cancellationToken);
}
