using Portcullis.Core.Factors;

namespace Portcullis.Core.Persistence;

public interface IPendingChallengeStore
{
    void Add(PendingChallenge challenge);

    Task<PendingChallenge?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<PendingChallenge?> FindByLookupAsync(byte[] lookupHash, CancellationToken cancellationToken);
}
