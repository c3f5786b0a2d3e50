using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

/// <summary>
/// One upsert per nonce: insert it, or take over a row whose time is up; a live row is left alone and the statement
/// changes nothing (a replay). PostgreSQL and SQLite both report the rows an <c>ON CONFLICT … DO UPDATE … WHERE</c> changed.
/// Hand-written (<see cref="RawSql"/>): every signed request runs it.
/// </summary>
internal sealed class EfNonceStore(GateDbContext db) : INonceStore
{
    public async Task<bool> TryRememberAsync(string scope, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        await using var command = RawSql.Command(db,
            "INSERT INTO seen_nonces (scope, nonce, expires_at) VALUES (@scope, @nonce, @expires) " +
            "ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_nonces.expires_at <= @now");
        command.With("scope", scope).With("nonce", nonce);
        db.AddTime(command, "expires", expiresAt);
        db.AddTime(command, "now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.SeenNonces.Where(n => n.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
}
