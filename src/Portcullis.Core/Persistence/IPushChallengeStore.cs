using Portcullis.Core.Factors.Push;

namespace Portcullis.Core.Persistence;

public interface IPushChallengeStore
{
    void Add(PushChallenge challenge);

    Task<PushChallenge?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Challenges still pending at <paramref name="now"/> for a device, oldest first.</summary>
    Task<IReadOnlyList<PushChallenge>> ListPendingForDeviceAsync(Guid deviceId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Challenges still pending at <paramref name="now"/> for a user.</summary>
    Task<IReadOnlyList<PushChallenge>> ListPendingForUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}
