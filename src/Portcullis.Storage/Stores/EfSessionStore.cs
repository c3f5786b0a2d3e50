using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;

namespace Portcullis.Storage.Stores;

internal sealed class EfSessionStore(GateDbContext db) : ISessionStore
{
    public void Add(Session session) => db.Sessions.Add(session);

    public void AddAuthentication(SessionAuthentication authentication) => db.SessionAuthentications.Add(authentication);

    public Task<Session?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.TokenHash == tokenHash, cancellationToken);

    public Task<Session?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The idle deadline depends on a per-session timeout, so it is applied after the indexed filter.
        var candidates = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.AbsoluteExpiresAt > now)
            .ToListAsync(cancellationToken);
        return candidates.Where(s => s.IsActiveAt(now)).OrderByDescending(s => s.CreatedAt).ToList();
    }

    public async Task<IReadOnlyList<Session>> ListUnrevokedForDeviceAsync(Guid deviceId, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.DeviceId == deviceId && s.RevokedAt == null).ToListAsync(cancellationToken);
}
