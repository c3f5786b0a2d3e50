namespace Portcullis.Core.Persistence;

/// <summary>Positions in feeds the gate follows (<see cref="FeedCursor"/>).</summary>
public interface IFeedCursorStore
{
    /// <summary>The last position handled in <paramref name="feed"/>; 0 before the first.</summary>
    Task<long> ReadAsync(string feed, CancellationToken cancellationToken);

    /// <summary>
    /// Moves <paramref name="feed"/> from <paramref name="from"/> to <paramref name="to"/> inside the unit's write transaction
    /// (call <see cref="IGateUnit.BeginAsync"/> first). False when the feed is no longer at <paramref name="from"/>: another
    /// node handled the same items, and the caller must not commit.
    /// </summary>
    Task<bool> TryAdvanceAsync(string feed, long from, long to, DateTimeOffset now, CancellationToken cancellationToken);
}
