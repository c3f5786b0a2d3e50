using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage.Stores;

/// <summary>
/// A compare-and-set on one row per feed: the row is created at position 0 if missing, then moved only if it is still
/// where the caller read it. On PostgreSQL a second node's update waits for the first to commit and then matches nothing.
/// </summary>
internal sealed class EfFeedCursorStore(GateDbContext db, EfGateUnit unit) : IFeedCursorStore
{
    public async Task<long> ReadAsync(string feed, CancellationToken cancellationToken) =>
        await db.FeedCursors.AsNoTracking().Where(c => c.Feed == feed).Select(c => (long?)c.Position).FirstOrDefaultAsync(cancellationToken) ?? 0;

    public async Task<bool> TryAdvanceAsync(string feed, long from, long to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        if (!unit.InTransaction)
        {
            throw new InvalidOperationException("Advance a feed cursor inside the unit's write transaction (BeginAsync first).");
        }

        int rows;
        if (db is SqliteGateDbContext)
        {
            var micros = now.UtcTicks / 10;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO feed_cursors (feed, position, updated_at) VALUES ({feed}, 0, {micros}) ON CONFLICT (feed) DO NOTHING", cancellationToken);
            rows = await db.Database.ExecuteSqlAsync(
                $"UPDATE feed_cursors SET position = {to}, updated_at = {micros} WHERE feed = {feed} AND position = {from}", cancellationToken);
        }
        else
        {
            var utc = now.ToUniversalTime();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO feed_cursors (feed, position, updated_at) VALUES ({feed}, 0, {utc}) ON CONFLICT (feed) DO NOTHING", cancellationToken);
            rows = await db.Database.ExecuteSqlAsync(
                $"UPDATE feed_cursors SET position = {to}, updated_at = {utc} WHERE feed = {feed} AND position = {from}", cancellationToken);
        }

        return rows == 1;
    }
}
