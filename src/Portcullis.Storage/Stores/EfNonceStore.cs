using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage.Stores;

/// <summary>
/// One upsert per nonce: insert it, or take over a row whose time is up; a live row is left alone and the statement
/// changes nothing (a replay). PostgreSQL and SQLite both report the rows an <c>ON CONFLICT … DO UPDATE … WHERE</c> changed.
/// </summary>
internal sealed class EfNonceStore(GateDbContext db) : INonceStore
{
    public async Task<bool> TryRememberAsync(string scope, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var rows = db is SqliteGateDbContext
            ? await db.Database.ExecuteSqlAsync(
                $"INSERT INTO seen_nonces (scope, nonce, expires_at) VALUES ({scope}, {nonce}, {Micros(expiresAt)}) ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_nonces.expires_at <= {Micros(now)}",
                cancellationToken)
            : await db.Database.ExecuteSqlAsync(
                $"INSERT INTO seen_nonces (scope, nonce, expires_at) VALUES ({scope}, {nonce}, {expiresAt.ToUniversalTime()}) ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_nonces.expires_at <= {now.ToUniversalTime()}",
                cancellationToken);
        return rows == 1;
    }

    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.SeenNonces.Where(n => n.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

    /// <summary>What <see cref="UtcMicrosecondsConverter"/> stores in SQLite for a time.</summary>
    private static long Micros(DateTimeOffset value) => value.UtcTicks / 10;
}
