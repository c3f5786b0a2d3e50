namespace Portcullis.Core.Persistence;

/// <summary>
/// How far the gate has read a feed from another system (e.g. the ledger's fills, for trade confirmations): the last
/// position it has fully handled. Advanced in the same transaction as what handling it wrote, so every item is handled
/// exactly once, on one node.
/// </summary>
public sealed class FeedCursor
{
    public required string Feed { get; init; }

    public required long Position { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}
