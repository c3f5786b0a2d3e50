using Portcullis.Core.Sessions;

namespace Portcullis.Core.Persistence;

public interface ISessionStore
{
    void Add(Session session);

    /// <summary>Records an authentication event on a session already in the store.</summary>
    void AddAuthentication(SessionAuthentication authentication);

    /// <summary>Finds a session by the hash of its token, with its authentication events.</summary>
    Task<Session?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    Task<Session?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A user's sessions that are neither revoked nor expired at <paramref name="now"/>, newest first.</summary>
    Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sessions bound to a device that are not revoked.</summary>
    Task<IReadOnlyList<Session>> ListUnrevokedForDeviceAsync(Guid deviceId, CancellationToken cancellationToken);
}
